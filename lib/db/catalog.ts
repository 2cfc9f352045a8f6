import type { CatalogProduct } from "@/lib/agent/types";
import { db, hotStatements } from "@/lib/db/client";
import { asModel, type Row } from "@/lib/db/driver";
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

/** A product as Prisma returns it, in the index's shape. */
export function toLoaded(p: {
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

// A refresh runs on a turn while an import writes thousands of rows a second, so its two reads go to the driver
// (lib/db/driver.ts), one prepared statement each whatever the number of ids, not through Prisma.
const STAMPS_SQL = `SELECT "id", "updatedAt" FROM "Product" WHERE "updatedAt" >= $1 ORDER BY "updatedAt"`;
const COLUMNS_SQL = Object.keys(INDEX_COLUMNS)
  .map((c) => `"${c}"`)
  .join(", ");
const BY_IDS_SQL = {
  sqlite: `SELECT ${COLUMNS_SQL} FROM "Product" WHERE "id" IN (SELECT "value" FROM json_each($1)) ORDER BY "id"`,
  postgres: `SELECT ${COLUMNS_SQL} FROM "Product" WHERE "id" = ANY($1::int[]) ORDER BY "id"`,
};
/** A stamp in ms: SQLite holds Prisma's ISO text, PostgreSQL's driver gives a Date. */
const msOf = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

/**
 * Which products changed at or after `since` and when (ms): an index-only range on `updatedAt` (rowid/id
 * included). During an import the range holds thousands of rows, read on every turn: no Date per row.
 */
export async function loadProductStampsSince(since: Date): Promise<Array<{ id: number; at: number }>> {
  const rows = await (await hotStatements()).all(STAMPS_SQL, [since]);
  return rows.map((r) => ({ id: Number(r.id), at: msOf(r.updatedAt) }));
}

/** The index's columns, for a statement that returns what the index holds of the rows it reads or writes. */
export const INDEX_COLUMNS_SQL = COLUMNS_SQL;

/** A row of INDEX_COLUMNS_SQL from the driver (SQLite's text stamps and 0/1 booleans included) as the index holds it. */
export function loadedFromRow(r: Row): LoadedProduct {
  const row = asModel<Parameters<typeof toLoaded>[0]>(r, { dates: ["updatedAt"], booleans: ["active", "skuInternal"] });
  return toLoaded({ ...row, id: Number(row.id) });
}

/** The index's columns of some products, by id (read in batches of 500 ids). */
export async function loadProductsById(ids: readonly number[]): Promise<LoadedProduct[]> {
  const statements = await hotStatements();
  const sql = BY_IDS_SQL[statements.connection.flavour];
  const out: LoadedProduct[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const param = statements.connection.flavour === "sqlite" ? JSON.stringify(chunk) : chunk;
    for (const r of await statements.all(sql, [param])) out.push(loadedFromRow(r));
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
