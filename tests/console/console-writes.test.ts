import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { parseProductImport } from "@/lib/imports/parse";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { staffPrincipal } from "./helpers";

// recordAudit imports the principal module, which loads next-auth; it does not load outside Next.
// Stock adjustments, cancellations and imports against real SQLite and PostgreSQL databases.
describe.each(FLAVOURS)("console writes on %s", (flavour) => {
  let t: TestDatabase;
  let ventas: Principal;
  let mod: {
    adjustStock: typeof import("@/lib/db/stock").adjustStock;
    cancelOrder: typeof import("@/lib/db/order-admin").cancelOrder;
    applyProductImport: typeof import("@/lib/imports/apply").applyProductImport;
    closeOrder: typeof import("@/lib/db/orders").closeOrder;
    updateProduct: typeof import("@/lib/db/products").updateProduct;
  };

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    ventas = await staffPrincipal(t.db, "ventas");
    mod = {
      ...(await import("@/lib/db/stock")),
      ...(await import("@/lib/db/order-admin")),
      ...(await import("@/lib/imports/apply")),
      ...(await import("@/lib/db/orders")),
      ...(await import("@/lib/db/products")),
    };
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("adjusts stock with a reason: movement, audit entry, never below zero", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-004" } });
    const result = await mod.adjustStock({ productId: product.id, delta: -5, reason: "Conteo físico" }, ventas);
    expect(result).toEqual({ stockBefore: product.stock, stockAfter: product.stock - 5 });
    const movement = await t.db.stockMovement.findFirstOrThrow({
      where: { productId: product.id },
      orderBy: { id: "desc" },
    });
    expect(movement).toMatchObject({
      delta: -5,
      stockAfter: product.stock - 5,
      reason: "adjustment",
      note: "Conteo físico",
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "stock.adjust" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({
      actorLabel: "ventas@sextinvalle.example",
      entityId: String(product.id),
      reason: "Conteo físico",
    });
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ stock: product.stock - 5 });

    await expect(
      mod.adjustStock({ productId: product.id, delta: -product.stock, reason: "Demasiado" }, ventas),
    ).rejects.toMatchObject({ code: "conflict" });
    const after = await t.db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stock).toBe(product.stock - 5);
  });

  it("updates searchText on every product write", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "VIS-001" } });
    await mod.updateProduct(
      product.id,
      { ...product, standard: product.standard ?? "", name: "Gafas Ñandú edición", synonyms: "anteojos, lentes" },
      ventas,
    );
    const after = await t.db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.searchText).toContain("gafas nandu edicion");
    expect(after.synonyms).toBe("anteojos;lentes");
  });

  it("cancelling a closed order restores stock, records movements, state change and audit", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "MAN-002" } });
    const order = await mod.closeOrder({
      lines: [{ sku: "MAN-002", quantity: 3 }],
      customer: {
        name: "Laura Gómez",
        documentType: "CC",
        documentNumber: "1144556677",
        phone: "3104567890",
        address: "Calle 5 # 38-25",
        city: "Cali",
      },
      channel: "console",
      actor: { type: "staff", id: (ventas as { id: number }).id },
    });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock - 3);

    const result = await mod.cancelOrder(order.id, "Cliente desistió", ventas);
    expect(result.restored).toEqual([{ sku: "MAN-002", quantity: 3, stockAfter: product.stock }]);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock);
    const saved = await t.db.order.findUniqueOrThrow({ where: { id: order.id }, include: { history: true } });
    expect(saved.state).toBe("cancelada");
    expect(saved.cancelReason).toBe("Cliente desistió");
    expect(saved.history.at(-1)).toMatchObject({ fromState: "cerrada", toState: "cancelada", actorType: "staff" });
    const movement = await t.db.stockMovement.findFirstOrThrow({
      where: { orderId: order.id, reason: "cancellation" },
    });
    expect(movement.delta).toBe(3);
    const client = await t.db.client.findUniqueOrThrow({ where: { id: order.clientId } });
    expect(client.purchaseCount).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "order.cancel", entityId: String(order.id) } })).toBe(1);

    await expect(mod.cancelOrder(order.id, "Otra vez", ventas)).rejects.toMatchObject({ code: "conflict" });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock);
  });

  it("an import with one bad row applies nothing; a good one upserts by SKU and by name", async () => {
    const before = await t.db.product.count();
    const bad = parseProductImport(
      "sku,nombre,categoria,precio,stock\nCAB-001,Casco renombrado,Cabeza,40000,10\nNEW-1,Nuevo,Cat,xx,1",
    );
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatchObject({ line: 3, field: "precio" });

    const good = parseProductImport(
      "sku;nombre;categoria;precio;stock\nCAB-001;Casco renombrado;Cabeza;40.000;10\nNEW-1;Nuevo producto;Cat;1500;7",
    );
    expect(good.errors).toEqual([]);
    const summary = await mod.applyProductImport(good.rows, ventas, { mode: "upsert", fileName: "x.csv" });
    expect(summary).toEqual({ created: 1, updated: 1, unchanged: 0, deactivated: 0 });
    const cab = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    expect(cab).toMatchObject({ name: "Casco renombrado", price: 40000, stock: 10, brand: "Steelpro" });
    expect(cab.searchText).toContain("casco renombrado");
    expect(await t.db.product.count()).toBe(before + 1);
    expect(await t.db.stockMovement.count({ where: { productId: cab.id, reason: "import" } })).toBe(1);

    const legacy = parseProductImport(
      "\uFEFFnombre,descripcion,precio,stock\nNuevo producto,Desde el sistema anterior,1600,7\nProducto legado,Sin sku,900,2",
    );
    const second = await mod.applyProductImport(legacy.rows, ventas, { mode: "upsert" });
    expect(second).toEqual({ created: 1, updated: 1, unchanged: 0, deactivated: 0 });
    expect(await t.db.product.findUniqueOrThrow({ where: { sku: "NEW-1" } })).toMatchObject({
      price: 1600,
      description: "Desde el sistema anterior",
    });
    const created = await t.db.product.findFirstOrThrow({ where: { name: "Producto legado" } });
    expect(created).toMatchObject({ category: "Sin categoría", price: 900, stock: 2, active: true });
    expect(created.sku).toMatch(/^IMP-/);
  });

  it("an import that fails midway rolls back every row", async () => {
    const rows = parseProductImport(
      "sku,nombre,categoria,precio,stock\nROLL-1,Uno,Cat,100,1\nROLL-2,Dos,Cat,100,1",
    ).rows;
    // the same SKU twice (parse would refuse it) makes the second insert violate the unique index
    const poisoned = [rows[0], { ...rows[1], sku: "ROLL-1" }] as typeof rows;
    await expect(mod.applyProductImport(poisoned, ventas, { mode: "upsert" })).rejects.toBeDefined();
    expect(await t.db.product.count({ where: { sku: { startsWith: "ROLL-" } } })).toBe(0);
  });

  it("replace mode deactivates products missing from the file", async () => {
    const rows = parseProductImport("sku,nombre,categoria,precio,stock\nCAB-002,Casco amarillo,Cabeza,38500,180").rows;
    const summary = await mod.applyProductImport(rows, ventas, { mode: "replace" });
    const active = await t.db.product.count({ where: { active: true } });
    expect(active).toBe(1);
    expect(summary.deactivated).toBeGreaterThan(30);
  });
});
