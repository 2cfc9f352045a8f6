import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordTurn } from "@/lib/db/conversations";
import { getOrderSummary } from "@/lib/db/open-orders";
import { recordTurnOnDriver } from "@/lib/db/turn-writes";
import type { SaleSnapshot } from "@/lib/sales/types";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The common turn's write on the driver (lib/db/turn-writes.ts): what it stores and returns is what Prisma
// reads back, dates as UTC instants also off UTC. The sale's own cases: tests/chat/sale-write-driver.test.ts.
describe.each(FLAVOURS)("turn written on the driver on %s", (flavour) => {
  let t: TestDatabase;
  const tz = process.env.TZ;
  let conversationId: number;
  let orderId: number;
  const snapshot: SaleSnapshot = {
    state: "pendiente",
    lines: [{ sku: "", name: "", quantity: 2, unitPrice: 0 }],
    customer: { name: "Laura Gómez" },
    pending: null,
  };
  beforeAll(async () => {
    process.env.TZ = "America/Bogota";
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const product = await t.db.product.findFirstOrThrow({ where: { active: true }, orderBy: { id: "asc" } });
    snapshot.lines = [{ sku: product.sku, name: product.name, quantity: 2, unitPrice: product.price }];
    const conversation = await t.db.conversation.create({
      data: { chatId: `write-${flavour}`, channel: "api", messageCount: 4, lastIntent: "inventario" },
    });
    conversationId = conversation.id;
    const order = await t.db.order.create({
      data: {
        number: "WRT-0001",
        conversationId,
        state: "pendiente",
        total: product.price * 2,
        customerName: "Laura Gómez",
        lines: {
          create: [
            {
              productId: product.id,
              sku: product.sku,
              name: product.name,
              quantity: 2,
              unitPrice: product.price,
              subtotal: product.price * 2,
            },
          ],
        },
      },
    });
    orderId = order.id;
  });
  afterAll(async () => {
    process.env.TZ = tz;
    await t.drop();
  });

  it("stores both messages and the conversation's summary, and returns them as Prisma reads them", async () => {
    const before = Date.now();
    const saved = await recordTurnOnDriver({
      conversationId,
      customer: {
        role: "customer",
        text: "¿y el precio?",
        intent: "venta",
        confidence: 0.625,
        metadata: { canal: "api" },
      },
      assistant: (order) => ({
        role: "assistant",
        text: `Tu pedido ${order?.numero} — «listo»`.padEnd(200, "."),
        intent: "venta",
        saleState: "pendiente",
        totalMs: 12,
        metadata: { pedido: order, productos: [{ sku: "x", precio: 1 }] },
      }),
      sale: { orderId, snapshot, channel: "api" },
    });
    expect(saved).not.toBeNull();
    expect(saved?.orderId).toBe(orderId);
    expect(saved?.order).toEqual(await getOrderSummary(orderId));
    const stored = await t.db.message.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
    expect(saved?.messages).toEqual(stored);
    expect(stored.map((m) => m.role)).toEqual(["customer", "assistant"]);
    expect(stored[0]?.confidence).toBe(0.625);
    expect(JSON.parse(stored[1]?.metadata ?? "{}").pedido.numero).toBe("WRT-0001");
    const createdAt = stored[0]?.createdAt.getTime() ?? 0;
    expect(Math.abs(createdAt - before)).toBeLessThan(60_000);
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation.messageCount).toBe(6);
    expect(conversation.lastIntent).toBe("venta");
    expect(conversation.saleState).toBe("pendiente");
    expect(conversation.lastMessagePreview).toBe(stored[1]?.text.slice(0, 140));
    expect(conversation.lastMessageAt.getTime()).toBe(createdAt);
  });

  it("keeps the sale state and last intent when the turn names none", async () => {
    const saved = await recordTurnOnDriver({
      conversationId,
      customer: { role: "customer", text: "hola" },
      assistant: () => ({ role: "assistant", text: "¡Hola!" }),
      sale: null,
    });
    expect(saved?.order).toBeNull();
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect([conversation.messageCount, conversation.lastIntent, conversation.saleState]).toEqual([
      8,
      "venta",
      "pendiente",
    ]);
  });

  it("writes a cart change in the same transaction, as recordTurn returns it", async () => {
    const changed: SaleSnapshot = { ...snapshot, lines: snapshot.lines.map((l) => ({ ...l, quantity: 5 })) };
    const input = {
      conversationId,
      customer: { role: "customer" as const, text: "mejor 5" },
      assistant: () => ({ role: "assistant" as const, text: "Listo, 5." }),
      sale: { orderId, snapshot: changed, channel: "api" },
    };
    const count = await t.db.message.count({ where: { conversationId } });
    const saved = await recordTurn(input);
    expect(saved.order?.items.map((i) => i.cantidad)).toEqual([5]);
    expect(saved.order).toEqual(await getOrderSummary(orderId));
    expect(await t.db.message.count({ where: { conversationId } })).toBe(count + 2);
  });
});
