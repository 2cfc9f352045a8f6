// Agent turn benchmark (offline producer + planning + wording, no database): every message of the tuning sets
// planned and composed, at the demo catalogue's size and at 100 000 synthetic products. The floor is the same
// loop over an empty message, measured in the same run. Run: npx tsx bench/agent-turn.ts [count]
// BENCH_CPU_PROF=dir writes one CPU profile of the index build and one of the turns (bench/support/cpu-profile.ts).

import { readFileSync } from "node:fs";
import path from "node:path";
import { planTurn } from "@/lib/agent/planning/plan";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { composeAnswer } from "@/lib/agent/wording/compose";
import { profiled } from "./support/cpu-profile";
import { quantile, tuningMessages } from "./support/harness";
import { demoProducts, synthesize } from "./support/synthetic-catalog";

const root = path.resolve(import.meta.dirname, "..");
const messages = tuningMessages();
const company = parseCompanyMarkdown(readFileSync(path.join(root, "prisma/seed-data/empresa.md"), "utf8"));

async function run(count: number) {
  const base = demoProducts();
  const products = count <= base.length ? base : synthesize(base, count);
  const built = performance.now();
  const catalog = await profiled(`agent-build-${count}`, async () => createCatalogIndex(products));
  const buildMs = performance.now() - built;
  // The server reads every product's details after the build, in the background (optional: older code had no pass).
  const detailsStarted = performance.now();
  const live = catalog as Partial<{ readDetails: (limit: number) => boolean }>;
  if (live.readDetails) while (live.readDetails(1_000));
  const detailsMs = performance.now() - detailsStarted;
  // Counts the searches planning asks for (the index is a plain object: its method can be wrapped).
  const search = catalog.search;
  let searches = 0;
  catalog.search = (query, options) => {
    searches++;
    return search(query, options);
  };
  const turn = (text: string) =>
    composeAnswer(planTurn({ text, history: [], sale: null, catalog, company, isStaff: false }).facts);
  // the first turn after the build pays what nothing has computed yet (lazy profiles, derived orders, JIT)
  const firstStarted = performance.now();
  turn("hola, tienen cascos?");
  const firstMs = performance.now() - firstStarted;
  for (const m of messages.slice(0, 20)) turn(m); // warm-up
  const floor: number[] = [];
  const latencies: number[] = [];
  searches = 0;
  const cpuBefore = process.cpuUsage();
  await profiled(`agent-turns-${count}`, async () => {
    for (let round = 0; round < 3; round++)
      for (const m of messages) {
        let t = performance.now();
        turn("");
        floor.push(performance.now() - t);
        t = performance.now();
        turn(m);
        latencies.push(performance.now() - t);
      }
  });
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time per turn moves less than wall time when other processes share the cores (floor turns included).
  const cpuPerTurn = (cpu.user + cpu.system) / 1000 / latencies.length;
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  const mean = latencies.reduce((s, v) => s + v, 0) / latencies.length;
  console.log(
    `${String(products.length).padStart(7)} products  build ${buildMs.toFixed(0).padStart(5)} ms  details ${detailsMs.toFixed(0)} ms  first turn ${firstMs.toFixed(0)} ms  turn p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  mean ${mean.toFixed(2)} ms  CPU ${cpuPerTurn.toFixed(2)} ms/turn  (floor p50 ${quantile(floor, 0.5).toFixed(2)} ms, ${latencies.length} turns, ${(searches / latencies.length).toFixed(1)} searches per turn)`,
  );
}

await run(76);
await run(Number(process.argv[2] ?? 100_000));
