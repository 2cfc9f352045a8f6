// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/area, inclusive time of
// chosen frames. Usage: npx tsx bench/support/profile-summary.ts file.cpuprofile [top=25]
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.mts file.cpuprofile");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
cutToWindow();
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.startsWith("node:")) return url;
  const local = /\/(lib\/[^/]+(?:\/[^/]+)?|bench|app)\//.exec(url);
  return local ? (local[1] as string) : url;
}
const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
const bySelf = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id) as Node;
  const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/.*node_modules\//, "").replace(/.*\/work\/[^/]+\//, "")}:${n.callFrame.lineNumber}`;
  bySelf.set(key, (bySelf.get(key) ?? 0) + t);
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + t);
}
// inclusive time of frames whose name matches (counted once per sample)
const inclusive = (match: (n: Node) => boolean) => {
  let sum = 0;
  profile.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      if (match(byId.get(cur) as Node)) {
        sum += profile.timeDeltas[i] ?? 0;
        return;
      }
  });
  return sum;
};
const top = Number(topArg ?? 25);
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
console.log("\nself time by area:");
for (const [k, v] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(v)}  ${k}`);
console.log("\nself time by function:");
for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
console.log("\ninclusive:");
const frames: Record<string, (n: Node) => boolean> = {
  "promise hooks (promiseInitHook/_propagate/trackPromise)": (n) =>
    /promiseInitHook|promiseBeforeHook|promiseAfterHook|_propagate|trackPromise|emitInitScript/.test(
      n.callFrame.functionName,
    ),
  "prisma client + adapters": (n) => /@prisma\//.test(n.callFrame.url),
  // Prisma's own query path (compile, interpret, map), without the adapter that the driver path also uses
  "prisma client (no adapter)": (n) => /@prisma\/client\//.test(n.callFrame.url),
  "rate limits (lib/ratelimit.ts, its Redis included)": (n) => /lib\/ratelimit\.ts/.test(n.callFrame.url),
  ioredis: (n) => /node_modules\/ioredis\//.test(n.callFrame.url),
  "ws sends": (n) => /node_modules\/ws\//.test(n.callFrame.url),
  "better-sqlite3 prepare": (n) => n.callFrame.functionName === "prepare" && /better-sqlite3/.test(n.callFrame.url),
  "ai streamText": (n) => /node_modules\/ai\//.test(n.callFrame.url),
  planTurn: (n) => n.callFrame.functionName === "planTurn",
  "catalog search": (n) => n.callFrame.functionName === "search" && /catalog-index/.test(n.callFrame.url),
  createCatalogIndex: (n) => n.callFrame.functionName === "createCatalogIndex",
  checkAnswer: (n) => n.callFrame.functionName === "checkAnswer",
  "(garbage collector)": (n) => n.callFrame.functionName === "(garbage collector)",
};
for (const [k, f] of Object.entries(frames)) console.log(`  ${pct(inclusive(f))}  ${k}`);
// Inclusive time of every function (a frame counted once per sample even when recursive): where the time goes
// below the entry points, e.g. which callers of the search cost most.
const byInclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur) as Node;
    if (!n.callFrame.url.includes("/lib/")) continue;
    const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/.*\/lib\//, "lib/")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byInclusive.set(key, (byInclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
});
console.log("\ninclusive by function (lib/ only):");
for (const [k, v] of [...byInclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);

// PROFILE_FROM=<function name> [PROFILE_MS=n]: only the samples from the first one with that function on its
// stack, for n ms (a server profile holds start-up and every load; e.g. the first WebSocket burst alone is
// PROFILE_FROM=runChatTurn PROFILE_MS=<that burst's max>).
function cutToWindow(): void {
  const from = process.env.PROFILE_FROM;
  if (!from) return;
  const ms = Number(process.env.PROFILE_MS ?? Number.POSITIVE_INFINITY);
  const onStack = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      if (byId.get(cur)?.callFrame.functionName === from) return true;
    return false;
  };
  let t = 0;
  let start = -1;
  const samples: number[] = [];
  const deltas: number[] = [];
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (start < 0 && onStack(id)) start = t;
    if (start >= 0 && t - start <= ms * 1000) {
      samples.push(id);
      deltas.push(profile.timeDeltas[i] ?? 0);
    }
  });
  if (start < 0) throw new Error(`no sample has ${from} on its stack`);
  profile.samples = samples;
  profile.timeDeltas = deltas;
  console.log(`window: ${ms} ms from the first sample under ${from}`);
}
