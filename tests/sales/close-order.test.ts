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

describe.each(FLAVOURS)("closing an open order on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  async function openOrder(sku: string, quantity: number) {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku } });
    const order = await t.db.order.create({
      data: {
        number: `tmp-${Math.random()}`,
        state: "listo_para_finalizar",
        total: product.price * quantity,
        lines: {
          create: [
            {
              productId: product.id,
              sku,
              name: product.name,
              quantity,
              unitPrice: product.price,
              subtotal: product.price * quantity,
            },
          ],
        },
      },
    });
    return { order, product };
  }

  it("closes one order exactly once under concurrent confirmations", async () => {
    const { order, product } = await openOrder("CAB-002", 3);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        closeOrder({
          orderId: order.id,
          lines: [{ sku: "CAB-002", quantity: 3 }],
          customer: customer(500),
          channel: "web",
          actor: { type: "bot" },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    }
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock - 3);
    expect(await t.db.stockMovement.count({ where: { orderId: order.id } })).toBe(1);
    const client = await t.db.client.findFirstOrThrow({ where: { documentNumber: "70000500" } });
    expect(client.purchaseCount).toBe(1);
  });

  it("refuses to close an order that was cancelled", async () => {
    const { order, product } = await openOrder("CAB-003", 1);
    await t.db.order.update({ where: { id: order.id }, data: { state: "cancelada", cancelledAt: new Date() } });
    await expect(
      closeOrder({
        orderId: order.id,
        lines: [{ sku: "CAB-003", quantity: 1 }],
        customer: customer(501),
        channel: "web",
        actor: { type: "bot" },
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock);
  });

  it("rejects a total that does not match the database and writes nothing", async () => {
    const orders = await t.db.order.count();
    await expect(
      closeOrder({
        lines: [{ sku: "VIS-003", quantity: 2 }],
        customer: customer(502),
        channel: "api",
        actor: { type: "api" },
        expectedTotal: 1000,
      }),
    ).rejects.toMatchObject({ detailCode: "total_no_coincide" });
    expect(await t.db.order.count()).toBe(orders);
    expect((await t.db.product.findUniqueOrThrow({ where: { sku: "VIS-003" } })).stock).toBe(300);
  });

  it("runs afterWrite inside the transaction: its failure undoes the close", async () => {
    const before = await t.db.product.findUniqueOrThrow({ where: { sku: "VIS-005" } });
    await expect(
      closeOrder({
        lines: [{ sku: "VIS-005", quantity: 1 }],
        customer: customer(503),
        channel: "console",
        actor: { type: "staff" },
        afterWrite: async () => {
          throw new Error("audit store down");
        },
      }),
    ).rejects.toThrow("audit store down");
    expect((await t.db.product.findUniqueOrThrow({ where: { id: before.id } })).stock).toBe(before.stock);
    expect(await t.db.client.count({ where: { documentNumber: "70000503" } })).toBe(0);
  });

  it("lets an anonymous chat fill a client's missing data but never overwrite it", async () => {
    const existing = await t.db.client.findFirstOrThrow({ where: { documentNumber: "12345678" } });
    await closeOrder({
      lines: [{ sku: "VIS-001", quantity: 1 }],
      customer: {
        name: "Impostor",
        documentType: existing.documentType as "CC",
        documentNumber: "12345678",
        phone: "3110000000",
        email: "nuevo@correo.example",
        address: "Otra 1",
        city: "Buga",
      },
      channel: "web",
      actor: { type: "bot" },
    });
    const after = await t.db.client.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after).toMatchObject({
      name: existing.name,
      phone: existing.phone,
      address: existing.address,
      city: existing.city,
    });
    expect(after.email).toBe(existing.email ?? "nuevo@correo.example");
    expect(after.purchaseCount).toBe(existing.purchaseCount + 1);
  });
});
