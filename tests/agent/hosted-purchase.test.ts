import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatModel } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { runDialog } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { purchaseScript } from "./purchase-script";
import { cop, type ScriptedModel, scriptedModel } from "./scripted-model";

// A hosted model that understands through the typed tools, scripted, through the real /chat/texto pipeline:
// a purchase from the first message to a closed order, the order's prices and stock from the database.
const hosted = vi.hoisted(() => ({ current: null as null | ChatModel }));
vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return {
    ...real,
    chatModel: (choice?: Parameters<typeof real.chatModel>[0]) => hosted.current ?? real.chatModel(choice),
  };
});

describe.each(FLAVOURS)("a hosted model's purchase through the tools (%s)", (flavour) => {
  let t: TestDatabase;
  let model: ScriptedModel;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterEach(() => {
    hosted.current = null;
  });
  afterAll(async () => {
    await t.drop();
    resetEnvCache();
  });

  it("closes the order with the catalogue's price, decrements stock, and stores tokens and both readings", async () => {
    model = scriptedModel(purchaseScript);
    hosted.current = model;
    const before = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const chatId = `hosted-compra-${flavour}`;
    const [added, summary, closed] = await runDialog(
      [
        "quiero 2 cascos blancos",
        "soy Juan Pérez, cédula 1234567890, cel 3104567890, Calle 10 # 20-30, Cali",
        "sí, confirmo",
      ],
      chatId,
    );
    expect(added?.estado_venta).toBe("pendiente");
    expect(added?.respuesta).toBe(`Agregué 2 unidades de ${before.name}: ${cop(2 * before.price)}.`);
    expect(summary?.estado_venta).toBe("listo_para_finalizar");
    expect(summary?.respuesta).toContain(cop(2 * before.price));
    expect(closed?.estado_venta).toBe("cerrada");
    expect(closed?.respuesta).toBe("¡Listo! Tu pedido quedó registrado. Gracias por tu compra.");

    const order = await t.db.order.findFirstOrThrow({
      where: { conversation: { chatId } },
      include: { lines: true, client: true },
    });
    expect(order.state).toBe("cerrada");
    expect(order.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([[2, before.price]]);
    expect(order.client?.documentNumber).toBe("1234567890");
    const after = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    expect(after.stock).toBe(before.stock - 2);

    const messages = await t.db.message.findMany({ where: { conversation: { chatId } }, orderBy: { id: "asc" } });
    const answers = messages.filter((m) => m.role === "assistant");
    expect(answers.map((m) => m.model)).toEqual(["gemini:scripted", "gemini:scripted", "gemini:scripted"]);
    expect(answers.every((m) => (m.inputTokens ?? 0) > 0 && (m.outputTokens ?? 0) > 0)).toBe(true);
    const first = JSON.parse(messages[0]?.metadata ?? "{}");
    expect(first.entendimiento).toMatchObject({
      productor: "hosted",
      eventos: ["add"],
      herramientas: { usadas: ["search_catalog", "add_item"], rechazos: [] },
    });
    // the tools were offered to the model (and never the staff-only lookup)
    expect(model.calls[0]?.tools).toContain("add_item");
    expect(model.calls[0]?.tools).not.toContain("lookup_client");
  });
});
