import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planBulkChange, priceAfterPercent } from "@/lib/domain/bulk-products";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { staffPrincipal } from "./helpers";

// Issue 14, inventory: bulk changes previewed then applied in one audited transaction; the low-stock view with
// per-product thresholds; a price of 0 refused. Both databases.
describe("bulk change arithmetic", () => {
  it.each([
    [38_500, 10, 42_350],
    [38_500, -10, 34_650],
    [999, 5, 1_049],
    [3, -90, 1],
    [1, -50, 1],
  ])("%i pesos %i %% → %i", (price, percent, after) => {
    expect(priceAfterPercent(price, percent)).toBe(after);
  });

  it("leaves out products the change does not touch", () => {
    const products = [
      { id: 1, sku: "A", name: "a", price: 100, active: true, category: "Cascos" },
      { id: 2, sku: "B", name: "b", price: 100, active: false, category: "Guantes" },
    ];
    expect(planBulkChange(products, { type: "activate" }).map((r) => r.id)).toEqual([2]);
    expect(planBulkChange(products, { type: "category", category: "Cascos" }).map((r) => r.after)).toEqual(["Cascos"]);
  });
});

describe.each(FLAVOURS)("bulk inventory on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  }, 60_000);
  afterAll(async () => t.drop());

  const ids = async (skus: string[]) =>
    (await t.db.product.findMany({ where: { sku: { in: skus } }, orderBy: { sku: "asc" } })).map((p) => p.id);

  it("previews without writing, then applies a price change in one audited transaction", async () => {
    const { previewBulkChange, applyBulkChange } = await import("@/lib/db/bulk-products");
    const ventas = await staffPrincipal(t.db, "ventas");
    const selection = await ids(["CAB-001", "CAB-002"]);
    const before = await t.db.product.findMany({ where: { id: { in: selection } }, orderBy: { sku: "asc" } });
    const preview = await previewBulkChange(selection, { type: "price", percent: 10 });
    expect(preview.map((r) => [r.sku, r.before, r.after])).toEqual(
      before.map((p) => [p.sku, p.price, Math.round(p.price * 1.1)]),
    );
    const untouched = await t.db.product.findMany({ where: { id: { in: selection } }, orderBy: { sku: "asc" } });
    expect(untouched.map((p) => p.price)).toEqual(before.map((p) => p.price));

    const result = await applyBulkChange(selection, { type: "price", percent: 10 }, ventas);
    expect(result.changed).toBe(2);
    const after = await t.db.product.findMany({ where: { id: { in: selection } }, orderBy: { sku: "asc" } });
    expect(after.map((p) => p.price)).toEqual(preview.map((r) => r.after));
    const audit = await t.db.auditLog.findMany({ where: { action: "product.bulk_price" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? "{}").products.map((p: { sku: string }) => p.sku)).toEqual([
      "CAB-001",
      "CAB-002",
    ]);
    expect(audit[0]?.actorId).toBe(ventas.id);
  }, 30_000);

  it("deactivates and recategorises; an impossible price refuses the whole batch", async () => {
    const { applyBulkChange } = await import("@/lib/db/bulk-products");
    const ventas = await staffPrincipal(t.db, "ventas");
    const selection = await ids(["VIS-001", "VIS-002"]);
    await applyBulkChange(selection, { type: "deactivate" }, ventas);
    expect((await t.db.product.findMany({ where: { id: { in: selection } } })).every((p) => !p.active)).toBe(true);
    await applyBulkChange(selection, { type: "category", category: "Protección visual premium" }, ventas);
    const moved = await t.db.product.findMany({ where: { id: { in: selection } } });
    expect(moved.map((p) => p.category)).toEqual(["Protección visual premium", "Protección visual premium"]);
    expect(moved.every((p) => p.searchText.includes("premium"))).toBe(true);

    // a price that would exceed the maximum refuses the whole batch
    await t.db.product.update({ where: { id: selection[1] }, data: { price: 1_900_000_000 } });
    const prices = (await t.db.product.findMany({ where: { id: { in: selection } }, orderBy: { id: "asc" } })).map(
      (p) => p.price,
    );
    await expect(applyBulkChange(selection, { type: "price", percent: 50 }, ventas)).rejects.toMatchObject({
      code: "invalid_input",
    });
    const unchanged = (await t.db.product.findMany({ where: { id: { in: selection } }, orderBy: { id: "asc" } })).map(
      (p) => p.price,
    );
    expect(unchanged).toEqual(prices);
  }, 30_000);

  it("lists low stock by each product's own threshold or the default, and counts it for the badge", async () => {
    const { countLowStock } = await import("@/lib/db/low-stock");
    const { listInventory } = await import("@/lib/db/inventory");
    const { parseInventoryQuery } = await import("@/lib/console/inventory-query");
    const [a, b, c] = await ids(["AUD-001", "AUD-002", "AUD-003"]);
    const baseline = await countLowStock();
    await t.db.product.update({ where: { id: a }, data: { stock: 8 } }); // default 10: low
    await t.db.product.update({ where: { id: b }, data: { stock: 40, lowStockThreshold: 50 } }); // own: low
    await t.db.product.update({ where: { id: c }, data: { stock: 8, lowStockThreshold: 5 } }); // own: fine
    expect(await countLowStock()).toBe(baseline + 2);
    const { rows } = await listInventory(parseInventoryQuery({ stock: "low", size: "100", q: "AUD" }));
    expect(rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(rows.find((r) => r.id === b)?.lowStockAt).toBe(50);
    const ok = await listInventory(parseInventoryQuery({ stock: "ok", size: "100", q: "AUD" }));
    expect(ok.rows.map((r) => r.id)).toContain(c);
  }, 30_000);

  it("refuses a price of 0 from the console form", async () => {
    const { productFieldsSchema } = await import("@/lib/console/product-schema");
    const parsed = productFieldsSchema.safeParse({ sku: "X-1", name: "Guante", category: "Guantes", price: "0" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/mayor que \$ 0/);
  });
});
