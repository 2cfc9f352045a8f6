import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/sqlite/client";

// "Bajo stock": in stock, at or below the product's own threshold, or the default (LOW_STOCK_THRESHOLD) when
// it has none. The per-product comparison is a column-to-column filter, so it runs in the database.
export function lowStockDefault(): number {
  return env().LOW_STOCK_THRESHOLD;
}

export function lowStockWhere(threshold = lowStockDefault()): Prisma.ProductWhereInput {
  return {
    stock: { gt: 0 },
    OR: [
      { lowStockThreshold: null, stock: { lte: threshold } },
      { lowStockThreshold: { not: null }, stock: { lte: db().product.fields.lowStockThreshold } },
    ],
  };
}

/** Active products running low (the nav badge and the console home). */
export function countLowStock(): Promise<number> {
  return db().product.count({ where: { active: true, ...lowStockWhere() } });
}
