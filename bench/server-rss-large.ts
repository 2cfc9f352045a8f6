// The bundled server's resident memory at a large catalogue: VmRSS 2 s after its first /chat/health (the index
// is built: the server listens only then) and again once the start-up work has settled (this branch on, the
// background pass over product details), with the peak between. SQLite only; compare main and a branch in the
// same minutes. Usage: npx tsx bench/server-rss-large.ts [products=100000] [settleSeconds=25]
import { ensureBuild, rssMb, sampleRss, startAppServer } from "./support/app-server";
import { createBenchDatabases } from "./support/metrics-db";
import { seedCatalog } from "./support/seed-catalog";

const PRODUCTS = Number(process.argv[2] ?? 100_000);
const SETTLE_S = Number(process.argv[3] ?? 25);

async function main() {
  ensureBuild();
  const dbs = await createBenchDatabases();
  try {
    const b = dbs.find((d) => d.flavour === "sqlite");
    if (!b) throw new Error("no sqlite bench database");
    await seedCatalog(b, PRODUCTS);
    await b.db.$disconnect();
    const started = performance.now();
    const server = await startAppServer(b.url);
    const readyS = (performance.now() - started) / 1000;
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      const idle = rssMb(server.pid);
      const sampler = sampleRss(server.pid, 100);
      await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
      const peak = sampler.stop();
      const settled = rssMb(server.pid);
      console.log(
        `${PRODUCTS} products: server answered after ${readyS.toFixed(1)} s; RSS 2 s later ${idle.toFixed(0)} MB, ` +
          `${SETTLE_S} s later ${settled.toFixed(0)} MB, peak between ${peak.toFixed(0)} MB`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
