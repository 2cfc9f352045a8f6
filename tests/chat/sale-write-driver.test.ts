import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrderSummary, type OrderSummary, saveConversationSaleAndSummarize } from "@/lib/db/open-orders";
import { recordTurnOnDriver } from "@/lib/db/turn-writes";
import type { Product } from "@/lib/generated/sqlite/client";
import type { SaleSnapshot } from "@/lib/sales/types";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The turn's sale written on the driver (lib/db/sale-writes.ts) against the Prisma path (writeSale in
// lib/db/open-orders.ts) on the same data: two conversations walk the same cart through a new order, changed
// lines, customer data, an unchanged turn, a removed line and a cancellation; after every turn the stored order,
// its lines and its history, and the summary each path returns, must be the same (ids and numbers aside).
describe.each(FLAVOURS)("sale written on the driver vs Prisma on %s", (flavour) => {
  let t: TestDatabase;
  const tz = process.env.TZ;
  let a: Product;
  let b: Product;
  const line = (p: Product, quantity: number) => ({ sku: p.sku, name: p.name, quantity, unitPrice: 1 });
  const sale = (state: SaleSnapshot["state"], lines: SaleSnapshot["lines"], customer = {}): SaleSnapshot => ({
    state,
    lines,
    customer,
    pending: null,
  });

  beforeAll(async () => {
    process.env.TZ = "America/Bogota";
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    [a, b] = (await t.db.product.findMany({ where: { active: true }, orderBy: { id: "asc" }, take: 2 })) as [
      Product,
      Product,
    ];
  });
  afterAll(async () => {
    process.env.TZ = tz;
    await t.drop();
  });

  async function conversation(chatId: string) {
    return (await t.db.conversation.create({ data: { chatId, channel: "api" } })).id;
  }

  /** The order as stored, without what differs between two orders by nature (ids, number, times). */
  async function stored(orderId: number) {
    const order = await t.db.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { lines: { orderBy: { id: "asc" } }, history: { orderBy: { id: "asc" } } },
    });
    const { id, number, conversationId, createdAt, updatedAt, cancelledAt, lines, history, ...columns } = order;
    return {
      columns,
      cancelled: cancelledAt !== null,
      lines: lines.map(({ id: _, orderId: __, ...l }) => l),
      history: history.map((h) => [h.fromState, h.toState, h.actorType]),
    };
  }
  const anonymous = (s: OrderSummary | null) => (s ? { ...s, id: "", numero: "" } : null);

  it("leaves the same order, lines, history and summary after every kind of turn", async () => {
    const onDriver = await conversation(`driver-${flavour}`);
    const onPrisma = await conversation(`prisma-${flavour}`);
    let driverOrder: number | null = null;
    let prismaOrder: number | null = null;
    const turns: SaleSnapshot[] = [
      sale("pendiente", [line(a, 2)]), // the first product creates the order
      sale("pendiente", [line(a, 5), line(b, 1)]), // quantity changed, a line added
      sale("recolectando_datos", [line(a, 5), line(b, 1)], { name: "Laura Gómez", documentNumber: "1020304050" }),
      sale("recolectando_datos", [line(a, 5), line(b, 1)], { name: "Laura Gómez", documentNumber: "1020304050" }),
      sale("recolectando_datos", [line(b, 3)], { name: "Laura Gómez", documentNumber: "1020304050", city: "Cali" }),
      sale("cancelada", [line(b, 3)]),
      sale("cancelada", [line(b, 3)]), // already cancelled: nothing written
    ];
    for (const [i, snapshot] of turns.entries()) {
      let shown: OrderSummary | null = null;
      const driver = await recordTurnOnDriver({
        conversationId: onDriver,
        customer: { role: "customer", text: `turno ${i}` },
        assistant: (order) => {
          shown = order;
          return { role: "assistant", text: `respuesta ${i}` };
        },
        sale: { orderId: driverOrder, snapshot, channel: "api" },
      });
      const prisma = await t.db.$transaction((tx) =>
        saveConversationSaleAndSummarize(tx, {
          conversationId: onPrisma,
          orderId: prismaOrder,
          snapshot,
          channel: "api",
        }),
      );
      expect(driver?.orderId, `turn ${i}`).not.toBeNull();
      expect(prisma.orderId, `turn ${i}`).not.toBeNull();
      driverOrder = driver?.orderId ?? null;
      prismaOrder = prisma.orderId;
      const driverStored = await stored(driverOrder as number);
      expect(driverStored, `turn ${i}`).toEqual(await stored(prismaOrder as number));
      const prismaSummary = prisma.summary ?? (await getOrderSummary(prismaOrder as number));
      expect(anonymous(driver?.order ?? null), `turn ${i}`).toEqual(anonymous(prismaSummary));
      // what the driver returns and showed the answer is what is stored
      expect(driver?.order, `turn ${i}`).toEqual(await getOrderSummary(driverOrder as number));
      expect(shown, `turn ${i}`).toEqual(driver?.order);
    }
    const order = await t.db.order.findUniqueOrThrow({ where: { id: driverOrder as number } });
    expect(order.number).toBe(`SV-${String(order.id).padStart(6, "0")}`);
    expect(order.conversationId).toBe(onDriver);
    expect(order.state).toBe("cancelada");
    // timestamps written on the driver are the instant, read back by Prisma off UTC
    expect(Math.abs((order.cancelledAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(order.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await stored(driverOrder as number)).history).toEqual([
      [null, "pendiente", "bot"],
      ["pendiente", "recolectando_datos", "bot"],
      ["recolectando_datos", "cancelada", "bot"],
    ]);
    expect(await t.db.message.count({ where: { conversationId: onDriver } })).toBe(turns.length * 2);
  });

  it("writes nothing of the sale when the turn fails inside the transaction", async () => {
    const conversationId = await conversation(`rollback-${flavour}`);
    const input = (quantity: number, fail: boolean) => ({
      conversationId,
      customer: { role: "customer" as const, text: "quiero" },
      assistant: () => {
        if (fail) throw new Error("answer failed");
        return { role: "assistant" as const, text: "listo" };
      },
      sale: { orderId: null, snapshot: sale("pendiente", [line(a, quantity)]), channel: "api" },
    });
    const orders = await t.db.order.count();
    await expect(recordTurnOnDriver(input(2, true))).rejects.toThrow("answer failed");
    expect(await t.db.order.count()).toBe(orders);
    expect(await t.db.message.count({ where: { conversationId } })).toBe(0);
    const saved = await recordTurnOnDriver(input(2, false));
    const orderId = saved?.orderId as number;
    await expect(recordTurnOnDriver({ ...input(7, true), sale: { ...input(7, true).sale, orderId } })).rejects.toThrow(
      "answer failed",
    );
    expect((await stored(orderId)).lines.map((l) => l.quantity)).toEqual([2]);
    expect(await t.db.message.count({ where: { conversationId } })).toBe(2);
  });
});
