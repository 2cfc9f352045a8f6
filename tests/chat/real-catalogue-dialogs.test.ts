import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCompanyInfo } from "@/lib/db/company";
import { applyProductImport, parseProductImport } from "@/lib/imports";
import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { runDialog } from "./helpers";

// The shop's real catalogue (short names, no SKUs of its own, one flat category) and company text, brought in
// through the console's own import, then whole conversations through POST /chat/texto.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe.each(FLAVOURS)("real catalogue dialogs through /chat/texto on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const parsed = parseProductImport(read("eval/catalogs/real/productos.csv"));
    expect(parsed.errors).toEqual([]);
    await applyProductImport(parsed.rows, null, { mode: "replace" });
    await saveCompanyInfo(read("eval/catalogs/real/empresa.md"), null);
  });
  afterAll(async () => t.drop());

  const skuOf = async (name: string) => (await t.db.product.findFirstOrThrow({ where: { name, active: true } })).sku;

  it("asks which extinguisher instead of guessing, then sells the one picked by its figure", async () => {
    const responses = await runDialog(
      [
        "necesito 2 extintores",
        "el de 9 kilos",
        "eso es todo",
        "Jairo Micolta, cédula 98654321, celular 3175550011, Calle 9 # 40-15, Cali",
        "sí, confirmo",
      ],
      `real-extintor-${flavour}`,
    );
    expect(responses[0]?.metadatos.pedido).toBeNull();
    expect(responses[0]?.respuesta).toMatch(/Extintor PQS 6kg[\s\S]*Extintor PQS 9kg/);
    const last = responses.at(-1);
    expect(last?.estado_venta).toBe("cerrada");
    expect(last?.metadatos.pedido).toMatchObject({
      estado: "cerrada",
      total: 250_000,
      items: [{ sku: await skuOf("Extintor PQS 9kg"), cantidad: 2, precio_unitario: 125_000 }],
    });
  });

  it("a change after the summary is not closed by an earlier yes", async () => {
    const responses = await runDialog(
      [
        "quiero 5 pares de guantes de vaqueta",
        "listo",
        "Ana Ruiz, cédula 1144556677, celular 3104567890, Carrera 5 # 10-20, Cali",
        "no, mejor que sean 8 pares",
      ],
      `real-cambio-${flavour}`,
    );
    const last = responses.at(-1);
    expect(last?.estado_venta).toBe("listo_para_finalizar");
    expect(last?.metadatos.pedido?.items).toMatchObject([{ cantidad: 8 }]);
    expect(last?.respuesta).toMatch(/¿Confirmas el pedido\?/);
    const closed = await t.db.order.count({
      where: { conversation: { chatId: `real-cambio-${flavour}` }, state: "cerrada" },
    });
    expect(closed).toBe(0);
  });

  it("answers where the shop is from the real company text", async () => {
    const [answer] = await runDialog(["dónde están ubicados"], `real-ubicacion-${flavour}`);
    expect(answer?.tipo_mensaje).toBe("general"); // the stored intent `contexto`, as legacy HTTP clients read it
    expect(answer?.respuesta).toContain("Cra 4 #31-11");
  });

  it("hands over after two messages it does not understand: flagged for staff, and the inbox hears it live", async () => {
    const chatId = `real-asesor-${flavour}`;
    const heard: RealtimeEvent[] = [];
    const stop = eventBus().subscribe((e) => {
      if (e.type === "attention" && e.chatId === chatId) heard.push(e);
    });
    try {
      const responses = await runDialog(["asdf qwer zxcv", "jklñ poiu mnbv"], chatId);
      expect(responses.at(-1)?.respuesta).toMatch(/asesor/);
    } finally {
      stop();
    }
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    expect(conversation.attentionReason).toBe("El asistente no entendió dos mensajes seguidos");
    expect(conversation.attentionSince).not.toBeNull();
    expect(heard).toHaveLength(1);
    const flagged = await t.db.message.findMany({
      where: { conversation: { chatId }, role: "customer" },
      select: { confidence: true },
    });
    expect(flagged.map((m) => m.confidence)).toEqual([0.2, 0.2]);
  });
});
