import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { runDialog, sendTexto } from "./helpers";

// A confirmation the database cannot honour is part of the conversation, never a failed request.
describe.each(FLAVOURS)("confirming a sale whose product was deactivated, on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("answers 200, closes nothing and keeps the customer's message", async () => {
    const chatId = "cierre-producto-inactivo";
    const responses = await runDialog(
      [
        "quiero comprar 2 cascos amarillos",
        "eso es todo",
        "Me llamo Pedro Ruiz, cédula 16789012, celular 3157654321, dirección Carrera 3 # 10-20, Palmira",
      ],
      chatId,
    );
    expect(responses.at(-1)?.estado_venta).toBe("listo_para_finalizar");
    const helmet = await t.db.product.update({ where: { sku: "CAB-002" }, data: { active: false } });

    const { status, body } = await sendTexto({ mensaje: "sí, confirmo", chat_id: chatId });
    expect(status).toBe(200);
    expect(body.estado_venta).not.toBe("cerrada");
    expect(await t.db.order.count({ where: { state: "cerrada", conversation: { chatId } } })).toBe(0);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: helmet.id } })).stock).toBe(helmet.stock);
    const stored = await t.db.message.findMany({ where: { conversation: { chatId }, role: "customer" } });
    expect(stored.map((m) => m.text)).toContain("sí, confirmo");
  });
});
