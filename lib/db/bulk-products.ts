import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { MAX_PRICE } from "@/lib/domain/bounds";
import { type BulkChange, type BulkRow, MAX_BULK_PRODUCTS, planBulkChange } from "@/lib/domain/bulk-products";
import { AppError } from "@/lib/errors";
import { productSearchText } from "@/lib/text";

const SELECT = { id: true, sku: true, name: true, price: true, active: true, category: true } as const;

function checkSelection(ids: number[]) {
  if (ids.length === 0) throw new AppError("invalid_input", "Selecciona al menos un producto.");
  if (ids.length > MAX_BULK_PRODUCTS) {
    throw new AppError("invalid_input", `Selecciona como máximo ${MAX_BULK_PRODUCTS} productos a la vez.`);
  }
}

function checkRows(rows: BulkRow[]) {
  const tooHigh = rows.find((r) => typeof r.after === "number" && r.after > MAX_PRICE);
  if (tooHigh) throw new AppError("invalid_input", `El nuevo precio de ${tooHigh.sku} supera el máximo permitido.`);
}

/** What the change would do, product by product, without writing. */
export async function previewBulkChange(ids: number[], change: BulkChange): Promise<BulkRow[]> {
  checkSelection(ids);
  const products = await db().product.findMany({ where: { id: { in: ids } }, select: SELECT, orderBy: { sku: "asc" } });
  const rows = planBulkChange(products, change);
  checkRows(rows);
  return rows;
}

/**
 * Applies the change to the selected products in one transaction with one audit entry listing every product's
 * before and after. Computed again from the rows as they are inside the transaction (not from the preview), so
 * a price edited meanwhile is changed by the percentage from its current value.
 */
export async function applyBulkChange(ids: number[], change: BulkChange, principal: Principal) {
  checkSelection(ids);
  return db().$transaction(
    async (tx) => {
      const products = await tx.product.findMany({
        where: { id: { in: ids } },
        select: SELECT,
        orderBy: { id: "asc" },
      });
      const rows = planBulkChange(products, change);
      checkRows(rows);
      for (const row of rows) {
        if (change.type === "price")
          await tx.product.update({ where: { id: row.id }, data: { price: row.after as number } });
        else if (change.type === "category") {
          const full = await tx.product.findUniqueOrThrow({ where: { id: row.id } });
          await tx.product.update({
            where: { id: row.id },
            data: { category: change.category, searchText: productSearchText({ ...full, category: change.category }) },
          });
        } else await tx.product.update({ where: { id: row.id }, data: { active: row.after as boolean } });
      }
      if (rows.length > 0) {
        await recordAudit(
          principal,
          {
            action: `product.bulk_${change.type}`,
            entityType: "product",
            entityId: null,
            before: rows.map((r) => ({ id: r.id, sku: r.sku, value: r.before })),
            after: { change, products: rows.map((r) => ({ id: r.id, sku: r.sku, value: r.after })) },
          },
          tx,
        );
      }
      return { changed: rows.length, rows };
    },
    { maxWait: 20_000, timeout: 60_000 },
  );
}
