import "dotenv/config";
import { AsyncLocalStorage } from "node:async_hooks";
import { resetEnvCache } from "@/lib/env";
import { profiled } from "./support/cpu-profile";
import { chatLoop, percentile, warmChatCustomer } from "./support/harness";
import { type BenchDb, createBenchDatabases } from "./support/metrics-db";
import { seedCatalog } from "./support/seed-catalog";
import { demoProducts, synthesize } from "./support/synthetic-catalog";
import { type BenchRow, printTable, writeRows } from "./support/table";

// Issue 12's import goal: a catalogue CSV of N rows (default 100 000) through the console's path — parse the
// file's bytes (parseProductImportAsync, as the upload routes do), plan it (planProductImport, the preview),
// apply it (applyProductImport) — while one customer keeps chatting (runChatTurn, one turn after another). The catalogue holds half the file's
// products beforehand: the file updates those (most change price or stock, a few are unchanged) and creates the
// other half. Floor: the same customer's turns on the same database with no import running.
// Usage: npx tsx bench/catalog-import.ts [rows=100000] [sqlite|postgres|both]
const ROWS = Number(process.argv[2] ?? 100_000);
const WHICH = process.argv[3] ?? "both";
new AsyncLocalStorage().enterWith({ request: "bench" }); // as in the server (see chat-turn.ts)

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The file: the `existing` synthetic products (every 10th unchanged, the rest with a new price/stock), then new ones. */
function catalogueCsv(rows: number, existing: number): Uint8Array {
  const products = synthesize(demoProducts(), rows);
  const lines = ["sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos"];
  for (const [i, p] of products.entries()) {
    const changed = i >= existing || i % 10 !== 0;
    const sku = i < existing ? p.sku : `NEW-${String(i).padStart(7, "0")}`;
    lines.push(
      [
        sku,
        p.name,
        p.category,
        p.brand,
        changed ? p.price + 100 : p.price,
        changed ? p.stock + 3 : p.stock,
        p.unit,
        p.standard ?? "",
        p.description,
        p.synonyms.join(";"),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

async function scenario(b: BenchDb, rows: BenchRow[]) {
  process.env.DATABASE_URL = b.url;
  resetEnvCache();
  const existing = Math.floor(ROWS / 2);
  const seeding = performance.now();
  // seedCatalog adds synthetic products to the demo catalogue's: ask for the demo's plus the file's first half
  const demo = await b.db.product.count();
  await seedCatalog(b, demo + existing);
  console.log(`[${b.flavour}] seeded ${existing} products in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const bytes = catalogueCsv(ROWS, existing);

  const { parseProductImportAsync, applyProductImport } = await import("@/lib/imports");
  const { planProductImport } = await import("@/lib/db/imports");
  const turn = await warmChatCustomer(`import-${b.flavour}`);
  console.log(`  index built, warm`);

  const { times: floor } = await chatLoop(
    (i) => turn(2_000_000 + i),
    () => true,
    100,
  );

  console.log(`  floor p50 ${percentile(floor, 0.5).toFixed(1)} ms over ${floor.length} turns`);
  let importing = true;
  const during = chatLoop(
    (i) => turn(i),
    () => !importing,
  );
  const t0 = performance.now();
  let tParsed = 0;
  let tPlanned = 0;
  let progress = 0;
  const { plan, summary } = await profiled(`catalog-import-${b.flavour}-${ROWS}`, async () => {
    const parsed = await parseProductImportAsync(bytes);
    if (parsed.errors.length > 0)
      throw new Error(`bench file has errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    tParsed = performance.now();
    const plan = await planProductImport(parsed.rows);
    tPlanned = performance.now();
    const summary = await applyProductImport(parsed.rows, null, {
      mode: "upsert",
      fileName: "bench.csv",
      onProgress: (p) => {
        progress = p.done;
        if (process.env.BENCH_VERBOSE)
          console.log(`  ${p.done} rows at ${Math.round(performance.now() - tPlanned)} ms`);
      },
    });
    return { plan, summary };
  });
  const tApplied = performance.now();
  const seconds = (tApplied - t0) / 1000;
  importing = false;
  const { times: turns, failed } = await during;

  const creates = plan.filter((p) => p.action === "create").length;
  // inactive seeded products count as updates (the file has no `activo` column: imported means active)
  const applied = summary.created + summary.updated + summary.unchanged;
  if (summary.created !== ROWS - existing || applied !== ROWS || summary.unchanged === 0 || progress !== ROWS) {
    throw new Error(`unexpected summary ${JSON.stringify(summary)} (progress ${progress})`);
  }
  console.log(
    `  parse ${(tParsed - t0).toFixed(0)} ms, plan ${(tPlanned - tParsed).toFixed(0)} ms (${creates} creates), ` +
      `apply ${(tApplied - tPlanned).toFixed(0)} ms; ` +
      `${JSON.stringify(summary)}; ${turns.length} turns meanwhile`,
  );

  const label = `${ROWS >= 1000 ? `${ROWS / 1000} k` : ROWS} rows ${b.flavour}`;
  const goal = (20 * ROWS) / 100_000;
  const p = (list: number[], q: number) => percentile(list, q);
  const slow = turns.filter((t) => t > 1_000).length;
  rows.push(
    {
      figure: `catalogue import (${label})`,
      goal: `≤ ${goal} s`,
      value: seconds,
      floor: null,
      unit: "s",
      ok: seconds <= goal,
      note: `${Math.round(ROWS / seconds).toLocaleString("en-US")} rows/s; parse+plan ${((tPlanned - t0) / 1000).toFixed(1)} s`,
    },
    {
      figure: `chat turn p50 during import (${label})`,
      goal: "≤ 10 ms over floor",
      value: p(turns, 0.5),
      floor: p(floor, 0.5),
      unit: "ms",
      ok: p(turns, 0.5) - p(floor, 0.5) <= 10,
      note: `${turns.length} turns`,
    },
    {
      figure: `chat turn p99 during import (${label})`,
      goal: "≤ 50 ms over floor",
      value: p(turns, 0.99),
      floor: p(floor, 0.99),
      unit: "ms",
      ok: p(turns, 0.99) - p(floor, 0.99) <= 50,
      note: `max ${Math.round(turns.at(-1) ?? 0)} ms; ${slow} turns > 1 s; ${failed} failed`,
    },
  );
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
}

async function main() {
  const dbs = await createBenchDatabases();
  const rows: BenchRow[] = [];
  try {
    for (const b of dbs.filter((d) => WHICH === "both" || d.flavour === WHICH)) {
      await scenario(b, rows);
      writeRows("catalog-import", rows);
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
  printTable(rows);
  writeRows("catalog-import", rows);
  const { eventBus } = await import("@/lib/realtime/bus");
  await eventBus().close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
