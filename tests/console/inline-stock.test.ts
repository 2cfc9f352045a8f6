import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { inlineStockSchema } from "@/lib/console/product-schema";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { staffPrincipal } from "./helpers";

// The inventory table's inline form: a counted quantity becomes the adjustment it amounts to, audited like
// any other, and a count made against a stock that changed meanwhile is refused instead of overwriting a sale.
describe.each(FLAVOURS)("inline stock adjustment on %s", (flavour) => {
  let t: TestDatabase;
  let ventas: Principal;
  let stock: typeof import("@/lib/db/stock");

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    ventas = await staffPrincipal(t.db, "ventas");
    stock = await import("@/lib/db/stock");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("sets a counted quantity: the movement holds the difference, the audit entry before and after", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-005" } });
    const counted = product.stock + 7;
    const result = await stock.setStock(
      { productId: product.id, quantity: counted, reason: "Conteo de bodega" },
      ventas,
    );
    expect(result).toEqual({ stockBefore: product.stock, stockAfter: counted });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(counted);
    const movement = await t.db.stockMovement.findFirstOrThrow({
      where: { productId: product.id },
      orderBy: { id: "desc" },
    });
    expect(movement).toMatchObject({ delta: 7, stockAfter: counted, reason: "adjustment", note: "Conteo de bodega" });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "stock.adjust", entityId: String(product.id) },
      orderBy: { id: "desc" },
    });
    expect(audit.reason).toBe("Conteo de bodega");
    expect(JSON.parse(audit.before ?? "{}")).toEqual({ stock: product.stock });
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ stock: counted });

    const zero = await stock.setStock({ productId: product.id, quantity: 0, reason: "Se dañó todo" }, ventas);
    expect(zero).toEqual({ stockBefore: counted, stockAfter: 0 });
  });

  it("refuses a count equal to the current stock and an unknown product, writing nothing", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const movements = await t.db.stockMovement.count({ where: { productId: product.id } });
    await expect(
      stock.setStock({ productId: product.id, quantity: product.stock, reason: "Igual" }, ventas),
    ).rejects.toMatchObject({ code: "invalid_input", fields: { quantity: expect.any(String) } });
    await expect(stock.setStock({ productId: 999_999, quantity: 3, reason: "Nada" }, ventas)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await t.db.stockMovement.count({ where: { productId: product.id } })).toBe(movements);
  });
});

describe("inline stock form input", () => {
  it("needs a reason and a whole quantity: counted ≥ 0, delta ≠ 0", () => {
    const ok = inlineStockSchema.safeParse({ mode: "set", productId: 3, quantity: "0", reason: "Conteo" });
    expect(ok.success && ok.data).toEqual({ mode: "set", productId: 3, quantity: 0, reason: "Conteo" });
    const delta = inlineStockSchema.safeParse({ mode: "delta", productId: 3, delta: "-4", reason: "Avería" });
    expect(delta.success && delta.data).toEqual({ mode: "delta", productId: 3, delta: -4, reason: "Avería" });
    const issues = (input: unknown) => {
      const r = inlineStockSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({ mode: "set", productId: 3, quantity: "-1", reason: "Conteo" })).toEqual(["quantity"]);
    expect(issues({ mode: "set", productId: 3, quantity: "2.5", reason: "Conteo" })).toEqual(["quantity"]);
    expect(issues({ mode: "delta", productId: 3, delta: "0", reason: "Conteo" })).toEqual(["delta"]);
    expect(issues({ mode: "delta", productId: 3, delta: "5", reason: " " })).toEqual(["reason"]);
    expect(issues({ mode: "otro", productId: 3, delta: "5", reason: "Conteo" })).toEqual(["mode"]);
  });
});
