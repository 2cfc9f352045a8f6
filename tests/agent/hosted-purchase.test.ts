import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatModel } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { runDialog } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { cop, resultOf, type Script, type ScriptedModel, scriptedModel } from "./scripted-model";

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

type Product = { sku: string; name: string; price: number };
const firstProduct = (value: Record<string, unknown> | undefined) => (value?.products as Product[] | undefined)?.[0];

/** A competent model: searches, adds, takes the data, shows the summary, confirms when the customer says so. */
export const purchaseScript: Script = (view) => {
  if (view.tools.length === 0) return { text: "¡Listo! Tu pedido quedó registrado. Gracias por tu compra." };
  const t = view.text.toLowerCase();
  if (t.includes("casco")) {
    const search = resultOf(view, "search_catalog");
    if (!search) return { calls: [{ tool: "search_catalog", input: { query: "casco blanco" } }] };
    const product = firstProduct(search) as Product;
    const added = resultOf(view, "add_item");
    if (!added) return { calls: [{ tool: "add_item", input: { sku: product.sku, quantity: 2 } }] };
    return { text: `Agregué 2 unidades de ${product.name}: ${cop(2 * product.price)}.` };
  }
  if (t.includes("cédula")) {
    if (!view.results.some((r) => r.tool === "set_customer_data"))
      return {
        calls: [
          {
            tool: "set_customer_data",
            input: {
              name: "Juan Pérez",
              documentNumber: "1.234.567.890",
              phone: "+57 310 456 7890",
              address: "Calle 10 # 20-30",
              city: "Cali",
            },
          },
        ],
      };
    const summary = resultOf(view, "request_confirmation");
    if (!summary) return { calls: [{ tool: "request_confirmation", input: {} }] };
    const total = (summary.summary as { total: number }).total;
    return { text: `Este es tu pedido, total ${cop(total)}. ¿Lo confirmas?` };
  }
  if (t.includes("confirmo")) {
    if (!view.results.some((r) => r.tool === "confirm_order")) return { calls: [{ tool: "confirm_order", input: {} }] };
    return { text: "¡Pedido confirmado!" };
  }
  return { text: "¿En qué te ayudo?" };
};

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
