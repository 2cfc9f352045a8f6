import type { CatalogProduct } from "@/lib/agent/types";
import { db, hotStatements } from "@/lib/db/client";
import type { ProductMedia } from "@/lib/db/product-media";

// What the agent's in-memory index is built from, and the version numbers that tell a process its copy is stale.
/** A product as the index holds it, plus what the shop shows with it (photo, internal SKU). */
export type LoadedProduct = { product: CatalogProduct; media: ProductMedia; updatedAt: Date };

/**
 * The versions of everything the agent keeps in memory, in one statement of index seeks (no scan, whatever the
 * catalogue's size): the newest product change (`Product.updatedAt` is indexed; every write goes through Prisma,
 * which stamps it), the company text's version and the global bot switch. Opaque strings: compared, not parsed.
 */
export type KnowledgeVersions = { catalog: string; company: number; botSwitch: string | null };

const VERSIONS_SQL = `SELECT (SELECT MAX("updatedAt") FROM "Product") AS "catalog",
            (SELECT MAX("version") FROM "CompanyInfo") AS "company",
            (SELECT "value" FROM "Setting" WHERE "key" = 'bot.global') AS "bot"`;

/** Read on every turn: a prepared statement on the driver (lib/db/driver.ts), not a Prisma call. */
export async function readKnowledgeVersions(): Promise<KnowledgeVersions> {
  const rows = await (await hotStatements()).all(VERSIONS_SQL);
  const row = rows[0];
  const catalog = row?.catalog instanceof Date ? row.catalog.toISOString() : String(row?.catalog ?? "");
  return {
    catalog,
    company: Number(row?.company ?? 0),
    botSwitch: typeof row?.bot === "string" ? row.bot : null,
  };
}

function toLoaded(p: {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  brand: string;
  price: number;
  stock: number;
  unit: string;
  standard: string | null;
  synonyms: string;
  active: boolean;
  skuInternal: boolean;
  imageKey: string | null;
  updatedAt: Date;
}): LoadedProduct {
  return {
    product: {
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
    },
    media: { imageKey: p.imageKey, skuInternal: p.skuInternal },
    updatedAt: p.updatedAt,
  };
}

const INDEX_COLUMNS = {
  id: true,
  sku: true,
  name: true,
  description: true,
  category: true,
  brand: true,
  price: true,
  stock: true,
  unit: true,
  standard: true,
  synonyms: true,
  active: true,
  skuInternal: true,
  imageKey: true,
  updatedAt: true,
} as const;

/** Every active product, read in keyset batches (no single 100 000-row result held twice in memory). */
export async function loadActiveProducts(batch = 10_000): Promise<LoadedProduct[]> {
  const out: LoadedProduct[] = [];
  let after = 0;
  for (;;) {
    const rows = await db().product.findMany({
      where: { active: true, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batch,
      select: INDEX_COLUMNS,
    });
    for (const r of rows) out.push(toLoaded(r));
    if (rows.length < batch) return out;
    after = (rows.at(-1) as { id: number }).id;
  }
}

export async function loadActiveCatalog(): Promise<CatalogProduct[]> {
  return (await loadActiveProducts()).map((l) => l.product);
}

/** Which products changed at or after `since` and when: an index-only range on `updatedAt` (rowid/id included). */
export async function loadProductStampsSince(since: Date): Promise<Array<{ id: number; updatedAt: Date }>> {
  return db().product.findMany({
    where: { updatedAt: { gte: since } },
    orderBy: { updatedAt: "asc" },
    select: { id: true, updatedAt: true },
  });
}

/** The index's columns of some products, by id (read in batches of 500 ids). */
export async function loadProductsById(ids: readonly number[]): Promise<LoadedProduct[]> {
  const out: LoadedProduct[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db().product.findMany({
      where: { id: { in: ids.slice(i, i + 500) } },
      orderBy: { id: "asc" },
      select: INDEX_COLUMNS,
    });
    for (const r of rows) out.push(toLoaded(r));
  }
  return out;
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
