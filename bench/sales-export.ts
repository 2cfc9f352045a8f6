import "dotenv/config";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import * as jobs from "@/lib/exports/jobs";
import { storage } from "@/lib/storage";
import { profiled } from "./support/cpu-profile";
import { createBenchDatabases } from "./support/metrics-db";
import { seedSales } from "./support/seed-sales";
import { type BenchRow, printTable, writeRows } from "./support/table";

// Issue 12's export goal: N sale lines (default 100 000; `1000000` for the goal figure) exported as CSV and as
// XLSX into storage (local backend) the way a console job does it, on SQLite and PostgreSQL. Prints time and the
// process's peak RSS growth; the floor is streaming a file of the same size into the same storage (pure I/O).
// Usage: npx tsx bench/sales-export.ts [lines] [sqlite|postgres|both] [csv,xlsx]
// BENCH_CPU_PROF=dir writes a CPU profile of each export alone (bench/support/cpu-profile.ts).
const LINES = Number(process.argv[2] ?? 100_000);
const WHICH = process.argv[3] ?? "both";
const FORMATS = (process.argv[4] ?? "csv,xlsx").split(",") as ("csv" | "xlsx")[];
const mb = (n: number) => n / 1_048_576;

// cpu: this process's user + system seconds over the step (zlib's pool threads included): on a box shared with
// other sessions the wall time also counts the time spent waiting for a core
type Measured = { seconds: number; cpu: number; rssMb: number; bytes: number };

async function sampled(body: () => Promise<number>): Promise<Measured> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const bytes = await body();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, cpu: (used.user + used.system) / 1e6, rssMb: mb(peak - base), bytes };
}

/** The job's path: this branch streams rows into storage; older code wrote a temporary file first. */
async function exportToStorage(format: "csv" | "xlsx", key: string): Promise<number> {
  const request = { dataset: "ventas", format, filters: {} } as const;
  const options = { contentType: format === "csv" ? "text/csv; charset=utf-8" : jobs.XLSX_TYPE, expiresAt: null };
  const meta = await storage().putStream(key, jobs.exportChunks(request), options);
  return meta.size;
}

async function floor(bytes: number, key: string): Promise<number> {
  const chunk = "x".repeat(1 << 20);
  async function* same() {
    for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
  }
  return (await storage().putStream(key, same(), { contentType: "text/csv; charset=utf-8" })).size;
}

async function main() {
  const dbs = (await createBenchDatabases()).filter((b) => WHICH === "both" || b.flavour === WHICH);
  const dir = await mkdtemp(path.join(os.tmpdir(), "sextinvalle-bench-sales-"));
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_LOCAL_DIR = dir;
  const rows: BenchRow[] = [];
  const label = LINES >= 1_000_000 ? `${LINES / 1_000_000} M` : `${LINES / 1000} k`;
  try {
    for (const b of dbs) {
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      const t0 = performance.now();
      await seedSales(b, LINES);
      console.log(`[${b.flavour}] seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      for (const format of FORMATS) {
        const m = await sampled(() =>
          profiled(`export-${b.flavour}-${format}`, () =>
            exportToStorage(format, `exports/bench-${b.flavour}.${format}`),
          ),
        );
        const f = await sampled(() => floor(m.bytes, `exports/floor-${b.flavour}.csv`));
        console.log(
          `  ${format.padEnd(4)} ${m.seconds.toFixed(2)} s  ${mb(m.bytes).toFixed(1)} MB  RSS +${m.rssMb.toFixed(0)} MB  CPU ${m.cpu.toFixed(1)} s  (floor ${f.seconds.toFixed(2)} s)`,
        );
        const figure = `sales export ${format.toUpperCase()} (${label} lines ${b.flavour})`;
        // the goal is 10 s for 1 M lines: at other sizes, the same rate
        const goal = (10 * LINES) / 1_000_000;
        rows.push({
          figure,
          goal: `≤ ${goal} s`,
          value: m.seconds,
          floor: f.seconds,
          unit: "s",
          ok: m.seconds <= goal,
          note: `CPU ${m.cpu.toFixed(1)} s, load ${os.loadavg()[0]?.toFixed(1)}`,
        });
        rows.push({
          figure: `${figure}, RSS growth`,
          goal: "≤ 300 MB",
          value: m.rssMb,
          floor: f.rssMb,
          unit: "MB",
          ok: m.rssMb <= 300,
          note: `${mb(m.bytes).toFixed(0)} MB file`,
        });
      }
    }
  } finally {
    for (const b of dbs) await b.drop();
    await rm(dir, { recursive: true, force: true });
  }
  printTable(rows);
  writeRows("sales-export", rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
