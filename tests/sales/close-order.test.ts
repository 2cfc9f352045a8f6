import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOrder, StockConflictError } from "@/lib/db/orders";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

const customer = (n: number) => ({
  name: `Cliente ${n}`,
  documentType: "CC" as const,
  documentNumber: String(70_000_000 + n),
  phone: "3001234567",
  address: "Calle 5 # 38-25",
  city: "Cali",
});

describe.each(FLAVOURS)("closeOrder on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("saves price snapshots from the database, decrements stock and upserts the client", async () => {
    const before = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const order = await closeOrder({
      lines: [
        { sku: "CAB-001", quantity: 3 },
        { sku: "CAB-001", quantity: 2 },
        { sku: "VIS-001", quantity: 5 },
      ],
      customer: customer(1),
      channel: "api",
      actor: { type: "api" },
    });
    expect(order.number).toMatch(/^SV-\d{6}$/);
    expect(order.lines).toEqual([
      { sku: "CAB-001", name: before.name, quantity: 5, unitPrice: 38_500, subtotal: 192_500 },
      { sku: "VIS-001", name: expect.stringContaining("Gafas"), quantity: 5, unitPrice: 9_800, subtotal: 49_000 },
    ]);
    expect(order.total).toBe(241_500);
    const after = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    expect(after.stock).toBe(before.stock - 5);
    const movements = await t.db.stockMovement.findMany({ where: { orderId: order.id } });
    expect(movements.map((m) => m.delta).sort()).toEqual([-5, -5]);
    const client = await t.db.client.findUniqueOrThrow({
      where: { documentType_documentNumber: { documentType: "CC", documentNumber: "70000001" } },
    });
    expect(client).toMatchObject({ purchaseCount: 1, purchaseTotal: 241_500, name: "Cliente 1" });

    await closeOrder({
      lines: [{ sku: "VIS-001", quantity: 1 }],
      customer: customer(1),
      channel: "web",
      actor: { type: "bot" },
    });
    const again = await t.db.client.findUniqueOrThrow({ where: { id: client.id } });
    expect(again).toMatchObject({ purchaseCount: 2, purchaseTotal: 241_500 + 9_800 });
  });

  it("refuses more units than in stock and changes nothing", async () => {
    const before = await t.db.product.findUniqueOrThrow({ where: { sku: "AUX-004" } });
    const orders = await t.db.order.count();
    const attempt = closeOrder({
      lines: [
        { sku: "VIS-002", quantity: 1 },
        { sku: "AUX-004", quantity: before.stock + 1 },
      ],
      customer: customer(2),
      channel: "web",
      actor: { type: "bot" },
    });
    await expect(attempt).rejects.toBeInstanceOf(StockConflictError);
    await expect(attempt).rejects.toMatchObject({
      shortages: [{ sku: "AUX-004", requested: before.stock + 1, available: before.stock }],
    });
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "AUX-004" } })).stock).toBe(before.stock);
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "VIS-002" } })).stock).toBe(650);
    expect(await t.db.order.count()).toBe(orders);
  });

  it("never sells below zero under concurrent closes: exactly as many succeed as stock allows", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "AUX-003" } });
    expect(product.stock).toBe(4);
    const attempts = Array.from({ length: 12 }, (_, i) =>
      closeOrder({
        lines: [{ sku: "AUX-003", quantity: 1 }],
        customer: customer(100 + i),
        channel: "web",
        actor: { type: "bot" },
      }),
    );
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(4);
    expect(refused).toHaveLength(8);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StockConflictError);
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "AUX-003" } })).stock).toBe(0);
    expect(await t.db.stockMovement.count({ where: { productId: product.id, reason: "sale" } })).toBe(4);
  });
});
