import Database from "better-sqlite3";
import pg from "pg";
import type { BenchDb } from "./metrics-db";
import { demoProducts, synthesize } from "./synthetic-catalog";

// Adds synthetic products (the demo catalogue's kinds and vocabulary, varied) until the catalogue holds `count`.
// Straight on the drivers in one transaction: through Prisma's createMany (5 000 rows a call, each row mapped
// and every index kept up to date row by row) 100 k products took minutes on this box.
const COLUMNS = [
  "sku",
  "name",
  "description",
  "category",
  "brand",
  "price",
  "stock",
  "unit",
  "standard",
  "synonyms",
  "active",
  "createdAt",
  "updatedAt",
] as const;
type Values = (string | number | null)[];

function rows(count: number, existing: number, now: string, active: (a: boolean) => number | boolean): Values[] {
  return synthesize(demoProducts(), Math.max(0, count - existing)).map((p) => [
    p.sku,
    p.name,
    p.description,
    p.category,
    p.brand,
    p.price,
    p.stock,
    p.unit,
    p.standard ?? null,
    p.synonyms.join(";"),
    active(p.active) as number,
    now,
    now,
  ]);
}

export async function seedCatalog(b: BenchDb, count: number): Promise<void> {
  const existing = await b.db.product.count();
  if (b.flavour === "sqlite") seedSqlite(b.url.replace(/^file:/, ""), count, existing);
  else await seedPostgres(b.url, count, existing);
}

function seedSqlite(file: string, count: number, existing: number): void {
  const now = new Date().toISOString().replace("Z", "+00:00"); // as Prisma stores SQLite DateTime
  const database = new Database(file);
  try {
    database.pragma("busy_timeout = 10000");
    const insert = database.prepare(
      `INSERT INTO "Product" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    );
    database.transaction((all: Values[]) => {
      for (const r of all) insert.run(...r);
    })(rows(count, existing, now, (a) => (a ? 1 : 0)));
    database.pragma("optimize=0x10002");
  } finally {
    database.close();
  }
}

const PG_TYPES = [
  "text",
  "text",
  "text",
  "text",
  "text",
  "int",
  "int",
  "text",
  "text",
  "text",
  "bool",
  "timestamp(3)",
  "timestamp(3)",
];

async function seedPostgres(url: string, count: number, existing: number): Promise<void> {
  // timestamp(3) without time zone holds UTC, as Prisma writes it: an ISO text's zone is dropped as such
  const all = rows(count, existing, new Date().toISOString(), (a) => a);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // one statement per 10 000 rows: each column as an array, unnested into rows on the server
    for (let i = 0; i < all.length; i += 10_000) {
      const batch = all.slice(i, i + 10_000);
      await client.query(
        `INSERT INTO "Product" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
         SELECT * FROM unnest(${PG_TYPES.map((t, n) => `$${n + 1}::${t}[]`).join(", ")})`,
        COLUMNS.map((_, c) => batch.map((r) => r[c])),
      );
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
