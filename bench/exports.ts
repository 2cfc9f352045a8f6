import "dotenv/config";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { resetEnvCache } from "@/lib/env";
import { CSV_EXCEL_ES, csvChunks } from "@/lib/exports/csv";
import { DATASETS } from "@/lib/exports/datasets";
import { xlsxChunks } from "@/lib/exports/xlsx";
import { createBenchDatabases, seedMessages } from "./support/metrics-db";

// Streams a 200 000-row conversations export to disk as CSV and as XLSX on SQLite and PostgreSQL, and
// prints time, throughput, file size, peak RSS and peak retained heap (sampled after forced GCs).
// Usage: npx tsx bench/exports.ts [rows]
const ROWS = Number(process.argv[2] ?? 200_000);
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const mb = (n: number) => (n / 1_048_576).toFixed(1);

async function measure(label: string, write: (file: string, tick: () => void) => Promise<void>, ext: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sextinvalle-bench-export-"));
  const file = path.join(dir, `out.${ext}`);
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  let peakHeap = baseHeap;
  let peakRss = baseRss;
  let ticks = 0;
  const tick = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (++ticks % 10 === 0) {
      gc();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  };
  const t0 = performance.now();
  await write(file, tick);
  const seconds = (performance.now() - t0) / 1000;
  const { size } = await stat(file);
  await rm(dir, { recursive: true, force: true });
  console.log(
    `  ${label.padEnd(6)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(ROWS / seconds)
      .toLocaleString("es-CO")
      .padStart(8)} filas/s  ` +
      `${mb(size).padStart(6)} MB  RSS +${mb(peakRss - baseRss)} MB  heap retenido +${mb(peakHeap - baseHeap)} MB`,
  );
}

async function main() {
  const dbs = await createBenchDatabases();
  try {
    for (const b of dbs) {
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      await b.db.message.deleteMany({});
      await seedMessages(b, ROWS, Math.max(1, Math.floor(ROWS / 20)));
      console.log(`\n[${b.flavour}] ${ROWS.toLocaleString("es-CO")} filas (conversaciones)`);
      const def = DATASETS.conversaciones;
      await measure(
        "CSV",
        async (file, tick) => {
          async function* counted() {
            for await (const chunk of csvChunks(def, {}, CSV_EXCEL_ES)) {
              tick();
              yield chunk;
            }
          }
          await pipeline(Readable.from(counted()), createWriteStream(file));
        },
        "csv",
      );
      await measure(
        "XLSX",
        async (file, tick) => {
          await pipeline(Readable.from(xlsxChunks(def, {}, () => tick())), createWriteStream(file));
        },
        "xlsx",
      );
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
