import "dotenv/config";
import {
  botVsHuman,
  conversationsPerDay,
  conversion,
  messagesPerDayByIntent,
  responseTimes,
  revenuePerDay,
  topProducts,
} from "@/lib/db/metrics";
import { resetEnvCache } from "@/lib/env";
import { loadDashboardMetrics } from "@/lib/metrics/dashboard";
import { createBenchDatabases, percentile, seedMessages } from "./support/metrics-db";

// Seeds 1M messages (50k conversations, 90 days) into temp SQLite and PostgreSQL databases and times each
// dashboard query over the last 30 days and the whole 90 days. Usage: npx tsx bench/metrics.ts [messages]
const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;

async function time(fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), max: samples.at(-1) ?? 0 };
}

async function main() {
  const dbs = await createBenchDatabases();
  try {
    for (const b of dbs) {
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      const t0 = performance.now();
      await seedMessages(b, MESSAGES, Math.max(1, Math.floor(MESSAGES / 20)));
      console.log(
        `\n[${b.flavour}] seeded ${MESSAGES.toLocaleString("es-CO")} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      for (const label of ["30 días", "90 días"]) {
        const span = label === "30 días" ? 30 : 90;
        const to = new Date(Date.now() + 86_400_000);
        const range = { from: new Date(to.getTime() - span * 86_400_000), to };
        const queries: [string, () => Promise<unknown>][] = [
          ["messagesPerDayByIntent", () => messagesPerDayByIntent(range)],
          ["conversationsPerDay", () => conversationsPerDay(range)],
          ["responseTimes (p50/p95 ×3)", () => responseTimes(range)],
          ["conversion", () => conversion(range)],
          ["revenuePerDay", () => revenuePerDay(range)],
          ["topProducts", () => topProducts(range)],
          ["botVsHuman", () => botVsHuman(range)],
        ];
        console.log(`  range ${label}`);
        for (const [name, fn] of queries) {
          const r = await time(fn);
          console.log(
            `    ${name.padEnd(28)} p50 ${r.p50.toFixed(0).padStart(6)} ms   max ${r.max.toFixed(0).padStart(6)} ms`,
          );
        }
        const days = {
          from: range.from.toISOString().slice(0, 10),
          to: new Date(to.getTime() - 86_400_000).toISOString().slice(0, 10),
        };
        const whole = await time(() => loadDashboardMetrics(days));
        console.log(
          `    ${"whole dashboard (parallel)".padEnd(28)} p50 ${whole.p50.toFixed(0).padStart(6)} ms   max ${whole.max.toFixed(0).padStart(6)} ms`,
        );
      }
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
