// Retrieval benchmark: 100 000 synthetic products derived from the real catalog.
// Run: npx tsx bench/retrieval.ts [count]

import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { quantile } from "./support/harness";
import { demoProducts, synthesize } from "./support/synthetic-catalog";

const QUERIES = [
  "cascos blancos",
  "casco amarillo",
  "extintor 10 libras",
  "estintor de 20 lb",
  "guantez de vaqueta",
  "guantes nitrilo talla 9",
  "arnes 4 argollas",
  "línea de vida",
  "botas dieléctricas talla 40",
  "botas de caucho",
  "gafas lente claro",
  "careta para soldar",
  "vapores orgánicos",
  "extintor para cuarto de servidores",
  "qué hay en trabajo en alturas",
  "chaleco reflectivo naranja",
  "tapones para los oídos",
  "respirador n95",
  "cinta de peligro",
  "señal de salida",
  "botiquín para empresa",
  "candado de bloqueo",
  "overol talla L",
  "mosqueton",
  "ducha lavaojos",
  "detector de humo",
  "conos",
  "guante anticorte nivel 5",
  "M1234",
  "rojo",
];

const count = Number(process.argv[2] ?? 100_000);
const products = synthesize(demoProducts(), count);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const index = createCatalogIndex(products);
const buildMs = performance.now() - started;
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

for (const q of QUERIES) index.search(q); // warm-up
const latencies: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const q of QUERIES) {
    const t = performance.now();
    index.search(q, { limit: 5 });
    latencies.push(performance.now() - t);
  }
}
console.log(`products        ${count.toLocaleString("es-CO")} (${index.size().toLocaleString("es-CO")} active)`);
console.log(`build           ${buildMs.toFixed(0)} ms`);
console.log(`queries         ${latencies.length}`);
console.log(`latency p50     ${quantile(latencies, 0.5).toFixed(2)} ms`);
console.log(`latency p99     ${quantile(latencies, 0.99).toFixed(2)} ms`);
console.log(
  `heap (index)    ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(0)} MB (total ${(heapAfter / 1024 / 1024).toFixed(0)} MB)`,
);
console.log(
  `sample          "extintor 10 libras" → ${index
    .search("extintor 10 libras", { limit: 3 })
    .map((h) => h.product.sku)
    .join(", ")}`,
);
