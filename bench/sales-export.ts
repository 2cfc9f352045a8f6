import "dotenv/config";
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { exportChunksInWorker } from "@/lib/exports/export-thread";
import * as jobs from "@/lib/exports/jobs";
import { storage } from "@/lib/storage";
import { profiled } from "./support/cpu-profile";
import { chatLoop, percentile, warmChatCustomer } from "./support/harness";
import { type BenchDb, createBenchDatabases } from "./support/metrics-db";
import { seedSales } from "./support/seed-sales";
import { type BenchRow, printTable, writeRows } from "./support/table";

// Issue 12's export goal: N sale lines (default 100 000; `1000000` for the goal figure) exported as CSV and as
// XLSX into storage (local backend) the way a console job does it, on SQLite and PostgreSQL. Prints time and the
// process's peak RSS growth; the floor is streaming a file of the same size into the same storage (pure I/O).
// Each export runs on a worker thread (what jobs do, EXPORT_THREAD=worker) and/or on the main thread. With
// `chat`, one customer chats (runChatTurn, one turn after another) during each export: its turn latency against
// the same customer's turns with no export running (the floor), as bench/catalog-import.ts does for imports.
// Usage: npx tsx bench/sales-export.ts [lines] [sqlite|postgres|both] [csv,xlsx] [worker,main] [chat]
// BENCH_CPU_PROF=dir writes a CPU profile of each export alone (bench/support/cpu-profile.ts; the main thread's).
const LINES = Number(process.argv[2] ?? 100_000);
const WHICH = process.argv[3] ?? "both";
const FORMATS = (process.argv[4] ?? "csv,xlsx").split(",") as ("csv" | "xlsx")[];
const THREADS = (process.argv[5] ?? "worker").split(",") as Thread[];
const CHAT = process.argv[6] === "chat";
type Thread = "worker" | "main";
/** The customer writes again 20 ms after each answer; a turn's latency counts from when it was due. */
const CHAT_GAP_MS = 20;
if (CHAT) new AsyncLocalStorage().enterWith({ request: "bench" }); // as in the server (see chat-turn.ts)
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

/** The job's path: rows streamed into storage, produced on a worker thread or on this one. */
async function exportToStorage(format: "csv" | "xlsx", key: string, thread: Thread): Promise<number> {
  const request = { dataset: "ventas", format, filters: {} } as const;
  const options = { contentType: format === "csv" ? "text/csv; charset=utf-8" : jobs.XLSX_TYPE, expiresAt: null };
  const chunks = thread === "worker" ? exportChunksInWorker(request) : jobs.exportChunks(request);
  const meta = await storage().putStream(key, chunks, options);
  return meta.size;
}

type Turn = (i: number) => Promise<unknown>;

/** One customer's turns on `b` (offline model, warm catalogue index), and its floor: turns with no export. */
async function chatCustomer(b: BenchDb): Promise<{ turn: Turn; floor: number[] }> {
  const turn: Turn = await warmChatCustomer(`export-${b.flavour}`);
  const { times } = await chatLoop(
    (i) => turn(2_000_000 + i),
    () => true,
    100,
    CHAT_GAP_MS,
  );
  return { turn, floor: times };
}

let turnsSoFar = 0;

/** `body` while the customer keeps chatting: its result and the turns' latencies (ms, sorted). */
async function whileChatting<T>(turn: Turn, body: () => Promise<T>) {
  let running = true;
  const during = chatLoop(
    (i) => turn(3_000_000 + turnsSoFar + i),
    () => !running,
    0,
    CHAT_GAP_MS,
  );
  const result = await body().finally(() => {
    running = false;
  });
  const { times, failed } = await during;
  turnsSoFar += times.length;
  return { result, times, failed };
}

function chatRows(figure: string, times: number[], floor: number[], failed: number): BenchRow[] {
  const p = (list: number[], q: number) => percentile(list, q);
  return [
    {
      figure: `chat turn p50 during ${figure}`,
      goal: "≤ 10 ms over floor",
      value: p(times, 0.5),
      floor: p(floor, 0.5),
      unit: "ms",
      ok: p(times, 0.5) - p(floor, 0.5) <= 10,
      note: `${times.length} turns`,
    },
    {
      figure: `chat turn p99 during ${figure}`,
      goal: "≤ 50 ms over floor",
      value: p(times, 0.99),
      floor: p(floor, 0.99),
      unit: "ms",
      ok: p(times, 0.99) - p(floor, 0.99) <= 50,
      note: `max ${Math.round(times.at(-1) ?? 0)} ms; ${failed} failed`,
    },
  ];
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
      const customer = CHAT ? await chatCustomer(b) : null;
      for (const format of FORMATS) {
        for (const thread of THREADS) {
          const key = `exports/bench-${b.flavour}.${format}`;
          let turns: { times: number[]; failed: number } | null = null;
          const m = await sampled(async () => {
            const run = () =>
              profiled(`export-${b.flavour}-${format}-${thread}`, () => exportToStorage(format, key, thread));
            if (!customer) return run();
            const chatted = await whileChatting(customer.turn, run);
            turns = chatted;
            return chatted.result;
          });
          const f = await sampled(() => floor(m.bytes, `exports/floor-${b.flavour}.csv`));
          console.log(
            `  ${format.padEnd(4)} ${thread.padEnd(6)} ${m.seconds.toFixed(2)} s  ${mb(m.bytes).toFixed(1)} MB  RSS +${m.rssMb.toFixed(0)} MB  CPU ${m.cpu.toFixed(1)} s  (floor ${f.seconds.toFixed(2)} s)`,
          );
          const figure = `sales export ${format.toUpperCase()} (${label} lines ${b.flavour}, ${thread} thread${customer ? ", chat meanwhile" : ""})`;
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
          const chatted = turns as { times: number[]; failed: number } | null;
          if (customer && chatted) {
            const what = `${format.toUpperCase()} export (${label} ${b.flavour}, ${thread} thread)`;
            rows.push(...chatRows(what, chatted.times, customer.floor, chatted.failed));
          }
        }
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
