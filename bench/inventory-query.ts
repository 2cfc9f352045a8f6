import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type InventoryQuery, parseInventoryQuery } from "@/lib/console/inventory-query";
import { db as appDb, createDb, type Db } from "@/lib/db/client";
import { listInventory, listInventoryFacets } from "@/lib/db/inventory";
import { setupDatabase } from "@/lib/db/setup";
import { resetEnvCache } from "@/lib/env";
import { productSearchText } from "@/lib/text";

// Console inventory list queries at 100 000 products on SQLite and PostgreSQL: p50/p99 of the page query
// plus its count, for the shapes staff actually use. `npx tsx bench/inventory-query.ts [rows]`
const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = 30;
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const WORDS = ["casco", "guante", "gafas", "bota", "arnes", "respirador", "overol", "tapones", "careta", "eslinga"];
const COLORS = ["blanco", "amarillo", "rojo", "azul", "negro", "verde"];
const BRANDS = ["3M", "Steelpro", "MSA", "Ansell", "Libus", "Arseg", "Honeywell", "DuPont"];
const CATEGORIES = ["Cabeza", "Visual", "Auditiva", "Respiratoria", "Manos", "Pies", "Alturas", "Ropa"];

async function fill(db: Db): Promise<void> {
  const batch = 2_000;
  for (let start = 0; start < ROWS; start += batch) {
    const data = [];
    for (let i = start; i < Math.min(ROWS, start + batch); i++) {
      const p = {
        sku: `B-${String(i).padStart(6, "0")}`,
        name: `${WORDS[i % WORDS.length]} ${COLORS[Math.floor(i / 10) % COLORS.length]} modelo ${i}`,
        category: CATEGORIES[i % CATEGORIES.length] as string,
        brand: BRANDS[i % BRANDS.length] as string,
        price: 1_000 + ((i * 7919) % 500_000),
        stock: (i * 31) % 400,
        synonyms: i % 997 === 0 ? "raro;unicornio" : "",
        standard: null,
      };
      data.push({ ...p, searchText: productSearchText(p), active: i % 20 !== 0 });
    }
    await db.product.createMany({ data });
  }
}

const SHAPES: [string, Record<string, string>][] = [
  ["default page (active, by name)", {}],
  ["search two words", { q: "casco amarillo" }],
  ["search rare word", { q: "unicornio" }],
  ["category + price desc", { category: "Manos", sort: "-price" }],
  ["brand + low stock", { brand: "3M", stock: "low" }],
  ["out of stock, all states", { stock: "out", active: "all" }],
  ["deep page 1500 (by sku)", { sort: "sku", page: "1500", size: "50" }],
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(flavour: string): Promise<void> {
  for (const [label, params] of SHAPES) {
    const query: InventoryQuery = parseInventoryQuery(params);
    await listInventory(query); // warm-up
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      total = (await listInventory(query)).total;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${flavour.padEnd(8)} ${label.padEnd(34)} matches=${String(total).padStart(6)}  p50=${pct(times, 50).toFixed(1).padStart(6)} ms  p99=${pct(times, 99).toFixed(1).padStart(6)} ms`,
    );
  }
}

/** The filter menus: Prisma's `distinct` (before), GROUP BY after a product change, and the cached read. */
async function measureFacets(flavour: string): Promise<void> {
  const timed = async (label: string, fn: () => Promise<unknown>) => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${flavour.padEnd(8)} ${label.padEnd(34)} p50=${pct(times, 50).toFixed(1).padStart(6)} ms  p99=${pct(times, 99).toFixed(1).padStart(6)} ms`,
    );
  };
  await timed("facets, distinct (before)", () =>
    Promise.all([
      appDb().product.findMany({ distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
      appDb().product.findMany({ distinct: ["brand"], select: { brand: true }, orderBy: { brand: "asc" } }),
    ]),
  );
  const cache = globalThis as unknown as { __sextinvalleFacets?: unknown };
  await timed("facets, GROUP BY (after a change)", () => {
    cache.__sextinvalleFacets = undefined;
    return listInventoryFacets();
  });
  await timed("facets, cached (catalogue unchanged)", () => listInventoryFacets());
}

async function run(flavour: "sqlite" | "postgres", url: string): Promise<void> {
  await setupDatabase(url, { seed: false });
  const db = createDb(url);
  const t0 = performance.now();
  await fill(db);
  // Planner statistics: without them SQLite walks the low-selectivity (active, name) index for every filter
  // (3-10x slower). Production gets them from lib/db/imports.ts after bulk imports; see the report.
  if (flavour === "sqlite") await db.$executeRawUnsafe("ANALYZE");
  await db.$disconnect();
  console.log(`${flavour}: inserted ${ROWS} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  await measure(flavour);
  await measureFacets(flavour);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-inventory-"));
const pgName = `bench_inventory_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_ADMIN });
try {
  await run("sqlite", `file:${path.join(dir, "bench.db")}`);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${pgName}"`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${pgName}`;
  await run("postgres", url.toString());
  console.log(`rss=${Math.round(process.memoryUsage().rss / 1e6)} MB`);
} finally {
  const { db } = await import("@/lib/db/client");
  await db()
    .$disconnect()
    .catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).catch(() => undefined);
  await admin.end().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
