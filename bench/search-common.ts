// The catalogue search with and without the bound on very common terms, on the searches planning really asks for.
// Every tuning message is planned once at 100 000 synthetic products with the search wrapped to record each call;
// the calls are then replayed, in order, through two searches over the same index: one that scores every product
// a term reaches (`commonMin: Infinity`), one with the default bound. Rounds alternate. Every answer is compared.
// The floor is the replay of the empty query. Run: npx tsx bench/search-common.ts [products=100000]

import { readFileSync } from "node:fs";
import path from "node:path";
import { planTurn } from "@/lib/agent/planning/plan";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { IndexStore } from "@/lib/agent/retrieval/index-store";
import { createSearch, type SearchHit, type SearchOptions } from "@/lib/agent/retrieval/search";
import { tuningMessages } from "./support/harness";
import { demoProducts, synthesize } from "./support/synthetic-catalog";

const count = Number(process.argv[2] ?? 100_000);
const root = path.resolve(import.meta.dirname, "..");
const company = parseCompanyMarkdown(readFileSync(path.join(root, "prisma/seed-data/empresa.md"), "utf8"));
const products = synthesize(demoProducts(), count);

// the calls planning makes
const catalog = createCatalogIndex(products);
const calls: Array<[string, SearchOptions | undefined]> = [];
const search = catalog.search;
catalog.search = (query, options) => {
  calls.push([query, options && { ...options, skus: options.skus && [...options.skus] }]);
  return search(query, options);
};
for (const text of tuningMessages()) planTurn({ text, history: [], sale: null, catalog, company, isStaff: false });

const store = new IndexStore();
products.forEach((p, rank) => {
  if (p.active) store.add(p, rank);
});
store.compact();
const stats = { pruned: 0, rescored: 0 };
const full = createSearch(store, { commonMin: Number.POSITIVE_INFINITY });
const bounded = createSearch(store, { stats });
const plain = (hits: SearchHit[]) =>
  hits.map((h) => `${h.product.sku} ${h.score} ${h.coverage} ${!!h.guess} ${!!h.numbersOnly}`).join("|");

function replay(fn: typeof full, empty = false): { cpuMs: number; answers: string[] } {
  const before = process.cpuUsage();
  const answers = calls.map(([query, options]) => plain(fn(empty ? "" : query, options)));
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, answers };
}

replay(full);
replay(bounded); // warm-up (JIT)
const rows: string[] = [];
const times = { full: [] as number[], bounded: [] as number[] };
let differing = 0;
for (let round = 0; round < 10; round++) {
  const order = round % 2 === 0 ? ([full, bounded] as const) : ([bounded, full] as const);
  const floor = replay(full, true);
  const [a, b] = order.map((fn) => replay(fn));
  const [fullRun, boundedRun] = round % 2 === 0 ? [a, b] : [b, a];
  if (!fullRun || !boundedRun) throw new Error("no run");
  times.full.push(fullRun.cpuMs);
  times.bounded.push(boundedRun.cpuMs);
  differing += fullRun.answers.filter((x, i) => x !== boundedRun.answers[i]).length;
  const per = (ms: number) => `${((1000 * ms) / calls.length).toFixed(0)} µs`;
  rows.push(
    `round ${round}: full ${per(fullRun.cpuMs)}, bounded ${per(boundedRun.cpuMs)} per search (floor ${per(floor.cpuMs)})`,
  );
}
stats.pruned = 0;
stats.rescored = 0;
replay(bounded);
console.log(`${products.length} products, ${calls.length} searches from ${tuningMessages().length} messages`);
for (const row of rows) console.log(row);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
console.log(
  `median CPU per search: full ${((1000 * median(times.full)) / calls.length).toFixed(0)} µs, bounded ${((1000 * median(times.bounded)) / calls.length).toFixed(0)} µs`,
);
console.log(
  `bounded: ${stats.pruned} scorings pruned, ${stats.rescored} selections scored again in full; answers differing: ${differing}`,
);
