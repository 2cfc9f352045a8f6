import type { CatalogProduct } from "@/lib/agent/types";
import { db } from "@/lib/db/client";

// What the agent's in-memory index is built from, plus a cheap fingerprint so console edits (price, stock,
// activation, new products) are picked up on the next turn without rebuilding on every message.
export type CatalogFingerprint = string;

/** max(updatedAt) + count over every product (inactive ones too: deactivating one touches updatedAt). */
export async function catalogFingerprint(): Promise<CatalogFingerprint> {
  const result = await db().product.aggregate({ _max: { updatedAt: true }, _count: { _all: true } });
  return `${result._count._all}:${result._max.updatedAt?.getTime() ?? 0}`;
}

export async function loadActiveCatalog(): Promise<CatalogProduct[]> {
  const rows = await db().product.findMany({ where: { active: true }, orderBy: { id: "asc" } });
  return rows.map((p) => ({
    id: String(p.id),
    sku: p.sku,
    name: p.name,
    description: p.description,
    category: p.category,
    brand: p.brand,
    price: p.price,
    stock: p.stock,
    unit: p.unit,
    standard: p.standard,
    synonyms: p.synonyms
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean),
    active: p.active,
    skuInternal: p.skuInternal,
  }));
}

/** Current price and stock of some SKUs, straight from the database (for order lines and answers). */
export async function findProductsBySku(skus: readonly string[]) {
  if (skus.length === 0) return [];
  return db().product.findMany({
    where: { sku: { in: [...skus] } },
    select: { id: true, sku: true, name: true, price: true, stock: true, unit: true, active: true },
  });
}

/** The company text the agent answers from (latest version edited in the console). */
export async function findLatestCompanyInfo(): Promise<{ version: number; content: string } | null> {
  return db().companyInfo.findFirst({ orderBy: { version: "desc" }, select: { version: true, content: true } });
}
