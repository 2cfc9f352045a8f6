import type { InventoryQuery } from "@/lib/console/inventory-query";
import { readKnowledgeVersions } from "@/lib/db/catalog";
import { db } from "@/lib/db/client";
import { lowStockDefault, lowStockWhere } from "@/lib/db/low-stock";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { foldText } from "@/lib/text";

export type InventoryRow = {
  id: number;
  sku: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  stock: number;
  unit: string;
  active: boolean;
  imageKey: string | null;
  updatedAt: Date;
  /** the units at or below which this product is "bajo stock" (its own, or the default) */
  lowStockAt: number;
};

/** Search uses the folded searchText column: every word of the query must appear (LIKE '%word%'). */
export function inventoryWhere(
  query: Omit<InventoryQuery, "sort" | "desc" | "page" | "size">,
): Prisma.ProductWhereInput {
  const words = foldText(query.q).split(" ").filter(Boolean).slice(0, 8);
  const and: Prisma.ProductWhereInput[] = words.map((w) => ({ searchText: { contains: w } }));
  if (query.category) and.push({ category: query.category });
  if (query.brand) and.push({ brand: query.brand });
  if (query.active !== "all") and.push({ active: query.active === "true" });
  if (query.stock === "out") and.push({ stock: { lte: 0 } });
  if (query.stock === "low") and.push(lowStockWhere());
  if (query.stock === "ok") and.push({ stock: { gt: 0 }, NOT: lowStockWhere() });
  return and.length > 0 ? { AND: and } : {};
}

export async function listInventory(query: InventoryQuery): Promise<{ rows: InventoryRow[]; total: number }> {
  const where = inventoryWhere(query);
  const direction = query.desc ? "desc" : "asc";
  const [rows, total] = await Promise.all([
    db().product.findMany({
      where,
      // id as tie-breaker keeps pages stable when many rows share a value
      orderBy: [{ [query.sort]: direction }, { id: direction }],
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        sku: true,
        name: true,
        category: true,
        brand: true,
        price: true,
        stock: true,
        unit: true,
        active: true,
        imageKey: true,
        updatedAt: true,
        lowStockThreshold: true,
      },
    }),
    db().product.count({ where }),
  ]);
  const fallback = lowStockDefault();
  return {
    rows: rows.map(({ lowStockThreshold, ...r }) => ({ ...r, lowStockAt: lowStockThreshold ?? fallback })),
    total,
  };
}

type Facets = { categories: string[]; brands: string[] };
const facetCache = globalThis as unknown as { __sextinvalleFacets?: { key: string; value: Facets } };

/**
 * Distinct categories and brands for the filter menus. GROUP BY in the database walks the (category, name) and
 * (brand, name) indexes (Prisma's `distinct` read every product and deduplicated in JS: 546 ms at 100 k), and
 * the result is kept until the catalogue's version changes (MAX(updatedAt), one index seek; every product write
 * stamps it).
 */
export async function listInventoryFacets(): Promise<Facets> {
  const key = `${env().DATABASE_URL} ${(await readKnowledgeVersions()).catalog}`;
  const cached = facetCache.__sextinvalleFacets;
  if (cached?.key === key) return cached.value;
  const [categories, brands] = await Promise.all([
    db().product.groupBy({ by: ["category"], orderBy: { category: "asc" } }),
    db().product.groupBy({ by: ["brand"], orderBy: { brand: "asc" } }),
  ]);
  const value = {
    categories: categories.map((c) => c.category),
    brands: brands.map((b) => b.brand).filter(Boolean),
  };
  facetCache.__sextinvalleFacets = { key, value };
  return value;
}
