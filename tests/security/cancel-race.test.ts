import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runDialog, sendTexto } from "../chat/helpers";
import { staffPrincipal } from "../console/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Issue 11, finding 8: a staff member cancels the order in the moment between the pipeline reading the sale
// and the customer's "confirmo" closing it. The cancel wins (the close re-checks under the row lock); the
// customer must then be told the truth — no stale "listo para confirmar", no reopened order, no 5xx.
const race = vi.hoisted(() => ({ before: null as null | (() => Promise<void>) }));
vi.mock("@/lib/db/orders", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/orders")>();
  return {
    ...real,
    closeOrder: async (input: Parameters<typeof real.closeOrder>[0]) => {
      const step = race.before;
      race.before = null;
      if (step) await step();
      return real.closeOrder(input);
    },
  };
});

describe.each(FLAVOURS)("a staff cancel racing the customer's confirmation, on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("tells the customer the order was cancelled and keeps it cancelled", async () => {
    const chatId = `carrera-${flavour}`;
    const responses = await runDialog(
      [
        "quiero comprar 2 cascos amarillos",
        "eso es todo",
        "Me llamo Pedro Ruiz, cédula 16789012, celular 3157654321, dirección Carrera 3 # 10-20, Palmira",
      ],
      chatId,
    );
    expect(responses.at(-1)?.estado_venta).toBe("listo_para_finalizar");
    const order = await t.db.order.findFirstOrThrow({ where: { conversation: { chatId } } });
    const stockBefore = (await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-002" } })).stock;
    const admin = await staffPrincipal(t.db, "ventas");
    const { cancelOrder } = await import("@/lib/db/order-admin");
    race.before = async () => {
      await cancelOrder(order.id, "El cliente llamó para cancelar", admin);
    };

    const { status, body } = await sendTexto({ mensaje: "sí, confirmo", chat_id: chatId });
    expect(status).toBe(200);
    expect(race.before).toBeNull(); // the cancel did run between the read and the close
    expect(body.estado_venta).toBe("cancelada");
    expect(body.respuesta).toMatch(/cancel[óa]/i);
    expect(body.respuesta).toMatch(/no quedó confirmado/);
    expect(body.respuesta).not.toMatch(/listo para confirmar|¿confirmas|pedido confirmado/i);
    expect(body.metadatos.pedido?.estado ?? "cancelada").toBe("cancelada");
    const after = await t.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.state).toBe("cancelada");
    expect(await t.db.order.count({ where: { conversation: { chatId }, state: { not: "cancelada" } } })).toBe(0);
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-002" } })).stock).toBe(stockBefore);
    const last = await t.db.message.findFirstOrThrow({ where: { conversation: { chatId } }, orderBy: { id: "desc" } });
    expect(last.role).toBe("assistant");
    expect(last.saleState).toBe("cancelada");
  });
});
