// What reading every product's profile details (attributes, label and description terms, sound keys) costs when
// done at once after the build, instead of on each product's first use by a turn: CPU and retained heap, at
// 100 000 synthetic products ("heap" counts the V8 heap and array buffers). Run: node --expose-gc --import tsx bench/details-cost.ts [products=100000]
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { demoProducts, synthesize } from "./support/synthetic-catalog";

const count = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc --import tsx");
// heap plus array buffers: the compact details live in typed arrays, whose bytes are outside the V8 heap
const heapMb = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
};
const products = synthesize(demoProducts(), count);
const catalog = createCatalogIndex(products);
const built = heapMb();
const rss = process.memoryUsage().rss / 1e6;
const cpu = process.cpuUsage();
const wall = performance.now();
let attributes = 0;
for (const p of catalog.all()) {
  const profile = catalog.profile(p);
  attributes += profile.attributes.length + profile.labelTerms.length + profile.labelSounds.size;
}
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - wall;
const after = heapMb();
console.log(
  `${catalog.size()} products: index heap ${built.toFixed(0)} MB (rss ${rss.toFixed(0)} MB); every detail read: ` +
    `${((used.user + used.system) / 1000).toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall, ` +
    `${((1000 * (used.user + used.system)) / 1000 / catalog.size()).toFixed(1)} µs a product), heap +${(after - built).toFixed(0)} MB ` +
    `(rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB; ${attributes} entries)`,
);
