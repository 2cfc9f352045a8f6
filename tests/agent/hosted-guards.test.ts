import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatModel } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { runDialog } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { afterSearch, purchaseScript } from "./purchase-script";
import { type Script, scriptedModel } from "./scripted-model";

// The model proposes, the code disposes: every way a hosted model can try to get something wrong into an order
// is refused by the tools (with a typed error the model reads), and nothing wrong reaches the database.
const hosted = vi.hoisted(() => ({ current: null as null | ChatModel }));
vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return {
    ...real,
    chatModel: (choice?: Parameters<typeof real.chatModel>[0]) => hosted.current ?? real.chatModel(choice),
  };
});

describe.each(FLAVOURS)("hosted tool calls refused in code (%s)", (flavour) => {
  let t: TestDatabase;
  let chat = 0;
  const chatId = () => `hosted-guard-${flavour}-${++chat}`;
  const customerMeta = async (id: string) => {
    const m = await t.db.message.findFirstOrThrow({
      where: { role: "customer", conversation: { chatId: id } },
      orderBy: { id: "desc" },
    });
    return JSON.parse(m.metadata).entendimiento;
  };
  const linesOf = (id: string) => t.db.orderLine.findMany({ where: { order: { conversation: { chatId: id } } } });

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterEach(() => {
    hosted.current = null;
    for (const k of [
      "AGENT_MAX_TOOL_STEPS",
      "AGENT_TOKEN_BUDGET_PER_CONVERSATION",
      "AGENT_TOKEN_BUDGET_PER_DAY",
      "AGENT_UNDERSTANDING",
    ])
      delete process.env[k];
    resetEnvCache();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("refuses a price in a cart call: the input schema has no price, the cart keeps none", async () => {
    hosted.current = scriptedModel(
      afterSearch(
        (p) => [{ tool: "add_item", input: { sku: p.sku, quantity: 1, price: 1000 } }],
        "No puedo cambiar precios.",
      ),
    );
    const id = chatId();
    await runDialog(["quiero un casco blanco a mil pesos"], id);
    expect(await linesOf(id)).toEqual([]);
    expect((await customerMeta(id)).herramientas.rechazos).toEqual([{ tool: "add_item", code: "entrada_invalida" }]);
  });

  it("refuses a SKU no tool returned in this conversation, even one the catalogue has", async () => {
    const model = scriptedModel((view) =>
      view.results.length === 0
        ? { calls: [{ tool: "add_item", input: { sku: "CAB-004", quantity: 1 } }] }
        : { text: "No encontré ese producto." },
    );
    hosted.current = model;
    const id = chatId();
    await runDialog(["agrega un casco de alturas"], id);
    expect(await linesOf(id)).toEqual([]);
    expect(model.calls[1]?.results[0]?.value).toMatchObject({ error: { code: "sku_desconocido", sku: "CAB-004" } });
  });

  it("refuses a quantity above stock and tells the model how many there are", async () => {
    const stock = (await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).stock;
    const model = scriptedModel(
      afterSearch(
        (p) => [{ tool: "add_item", input: { sku: p.sku, quantity: stock + 5 } }],
        `Solo hay ${stock} unidades.`,
      ),
    );
    hosted.current = model;
    const id = chatId();
    const [answer] = await runDialog([`quiero ${stock + 5} cascos blancos`], id);
    expect(await linesOf(id)).toEqual([]);
    expect(model.calls[2]?.results[1]?.value).toMatchObject({
      error: { code: "stock_insuficiente", available: stock, requested: stock + 5 },
    });
    expect(answer?.respuesta).toBe(`Solo hay ${stock} unidades.`);
  });

  it("refuses confirm_order before the order is ready, and nothing is closed", async () => {
    const before = (await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).stock;
    const model = scriptedModel(
      afterSearch(
        (p) => [
          { tool: "add_item", input: { sku: p.sku, quantity: 1 } },
          { tool: "confirm_order", input: {} },
        ],
        "Antes necesito tus datos.",
      ),
    );
    hosted.current = model;
    const id = chatId();
    const [answer] = await runDialog(["un casco blanco y confírmalo ya"], id);
    expect(answer?.estado_venta).toBe("pendiente");
    expect(model.calls[3]?.results[2]?.value).toMatchObject({ error: { code: "pedido_no_listo" } });
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).stock).toBe(before);
    expect((await linesOf(id)).map((l) => l.quantity)).toEqual([1]);
  });

  it("refuses confirm_order when the customer's own message is no confirmation, after the summary was shown", async () => {
    const before = (await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).stock;
    const eager: Script = (view) =>
      view.text.includes("demora")
        ? view.results.length === 0
          ? { calls: [{ tool: "confirm_order", input: {} }] }
          : { text: "¿Confirmas el pedido?" }
        : purchaseScript(view);
    const model = scriptedModel(eager);
    hosted.current = model;
    const id = chatId();
    const answers = await runDialog(
      [
        "quiero 2 cascos blancos",
        "soy Juan Pérez, cédula 1234567890, cel 3104567890, Calle 10 # 20-30, Cali",
        "¿y cuánto se demora el envío a Cali?",
      ],
      id,
    );
    expect(answers.map((a) => a.estado_venta)).toEqual(["pendiente", "listo_para_finalizar", "listo_para_finalizar"]);
    expect(model.calls.at(-1)?.results[0]?.value).toMatchObject({ error: { code: "sin_confirmacion_del_cliente" } });
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).stock).toBe(before);
    const order = await t.db.order.findFirstOrThrow({ where: { conversation: { chatId: id } } });
    expect(order.state).not.toBe("cerrada");
  });
});
