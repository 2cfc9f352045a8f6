import "dotenv/config";
import { resetEnvCache } from "@/lib/env";
import { profiled } from "./support/cpu-profile";
import { createBenchDatabases } from "./support/metrics-db";
import { seedCatalog } from "./support/seed-catalog";

// The catalogue index's start-up build through the database (what `warmKnowledge` does in server.ts): the
// products read (`loadActiveProducts`), the index built from them in yielding chunks, and the first turn's
// knowledge read after it. The floor is one versions read (`readKnowledgeVersions`, what every turn does).
// BENCH_CPU_PROF=dir writes a profile of the build. Usage: npx tsx bench/index-build.ts [products] [sqlite,postgres]
const PRODUCTS = Number(process.argv[2] ?? 100_000);
const FLAVOURS = (process.argv[3] ?? "sqlite,postgres").split(",");

const dbs = await createBenchDatabases();
try {
  for (const b of dbs.filter((d) => FLAVOURS.includes(d.flavour))) {
    await seedCatalog(b, PRODUCTS);
    process.env.DATABASE_URL = b.url;
    resetEnvCache();
    const knowledge = await import("@/lib/chat/knowledge");
    const catalog = await import("@/lib/db/catalog");
    knowledge.forgetKnowledge();
    let t = performance.now();
    await catalog.readKnowledgeVersions();
    const floorMs = performance.now() - t;
    t = performance.now();
    const loaded = await catalog.loadActiveProducts();
    const loadMs = performance.now() - t;
    const cpu = process.cpuUsage();
    t = performance.now();
    await profiled(`index-build-${b.flavour}-${PRODUCTS}`, async () => {
      knowledge.warmKnowledge();
      await knowledge.knowledgeReady();
    });
    const buildMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    t = performance.now();
    const k = await knowledge.currentKnowledge();
    const firstMs = performance.now() - t;
    console.log(
      `${b.flavour}: ${loaded.length} products read in ${loadMs.toFixed(0)} ms; build (read + index) ${buildMs.toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; first knowledge read ${firstMs.toFixed(1)} ms (floor: one versions read ${floorMs.toFixed(1)} ms); ${k.catalog.size()} indexed; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; load ${(await import("node:os")).loadavg()[0]?.toFixed(1)}`,
    );
    knowledge.forgetKnowledge();
    await b.db.$disconnect();
  }
} finally {
  for (const b of dbs) await b.drop();
}
