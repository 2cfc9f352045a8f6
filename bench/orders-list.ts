import "dotenv/config";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { type OrderQuery, parseOrderQuery } from "@/lib/console/order-query";
import { resetEnvCache } from "@/lib/env";
import { type BenchDb, createBenchDatabases, explainPlans, timed } from "./support/metrics-db";
import { type BenchRow, printTable, writeRows } from "./support/table";

// The console's sales list at 1 M orders (2 lines each) on SQLite and PostgreSQL: p95 of a page (rows + totals +
// line counts) for the filters staff use, and of a deep page read by cursor. Floor: one order read by primary key
// in the same run. The query plans are written to bench/results/orders-explain.txt.
// Usage: npx tsx bench/orders-list.ts [orders=1000000]
const ORDERS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 40;
const STATES = ["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar", "cerrada", "cancelada"];

async function seedOrders(b: BenchDb) {
  const now = Math.floor(Date.now() / 1000);
  const states = `CASE i % 6 ${STATES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(" ")} END`;
  const channels = "CASE i % 4 WHEN 0 THEN 'web' WHEN 1 THEN 'api' WHEN 2 THEN 'ws' ELSE 'console' END";
  if (b.flavour === "sqlite") {
    const at = `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now} - i * 7, 'unixepoch')`;
    await b.db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
       INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "customerDocument", "customerPhone", "createdAt", "updatedAt")
       SELECT 'PED-B' || i, ${states}, ${channels}, 10000 + (i * 7919) % 900000, 'Cliente ' || (i % 50000) || ' Pérez',
              CAST(10000000 + i % 50000 AS TEXT), '31' || (50000000 + i % 50000), ${at}, ${at} FROM n`,
    );
    await b.db.$executeRawUnsafe(
      `INSERT INTO "OrderLine" ("orderId", "sku", "name", "quantity", "unitPrice", "subtotal")
       SELECT "id", 'CAB-00' || (1 + "id" % 2), 'Casco', 1, "total", "total" FROM "Order" WHERE "number" LIKE 'PED-B%'
       UNION ALL SELECT "id", 'GUA-00' || (1 + "id" % 3), 'Guante', 2, 1000, 2000 FROM "Order" WHERE "number" LIKE 'PED-B%'`,
    );
    await b.db.$executeRawUnsafe("PRAGMA optimize=0x10002");
  } else {
    const at = `to_timestamp(${now} - i * 7) AT TIME ZONE 'UTC'`;
    await b.db.$executeRawUnsafe(
      `INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "customerDocument", "customerPhone", "createdAt", "updatedAt")
       SELECT 'PED-B' || i, ${states}, ${channels}, 10000 + (i::bigint * 7919) % 900000, 'Cliente ' || (i % 50000) || ' Pérez',
              (10000000 + i % 50000)::text, '31' || (50000000 + i % 50000), ${at}, ${at} FROM generate_series(1, ${ORDERS}) i`,
    );
    await b.db.$executeRawUnsafe(
      `INSERT INTO "OrderLine" ("orderId", "sku", "name", "quantity", "unitPrice", "subtotal")
       SELECT "id", 'CAB-00' || (1 + "id" % 2), 'Casco', 1, "total", "total" FROM "Order" WHERE "number" LIKE 'PED-B%'
       UNION ALL SELECT "id", 'GUA-00' || (1 + "id" % 3), 'Guante', 2, 1000, 2000 FROM "Order" WHERE "number" LIKE 'PED-B%'`,
    );
    await b.db.$executeRawUnsafe("VACUUM ANALYZE");
  }
}

async function explain(b: BenchDb): Promise<string> {
  const page = `SELECT "id" FROM "Order" WHERE "state" = 'cerrada' ORDER BY "createdAt" DESC, "id" DESC LIMIT 25`;
  const keyset = `SELECT "id" FROM "Order" WHERE "channel" = 'web' AND ("createdAt" < '2026-06-01' OR ("createdAt" = '2026-06-01' AND "id" < 500000)) ORDER BY "createdAt" DESC, "id" DESC LIMIT 25`;
  const totals = `SELECT "state", COUNT(*), SUM("total") FROM "Order" GROUP BY "state"`;
  const lines = `SELECT "orderId", COUNT(*) FROM "OrderLine" WHERE "orderId" IN (1, 2, 3) GROUP BY "orderId"`;
  return explainPlans(b, { page, keyset, totals, lines });
}

async function main() {
  const dbs = await createBenchDatabases();
  const rows: BenchRow[] = [];
  const plans: string[] = [];
  try {
    const flavours = (process.env.BENCH_FLAVOURS ?? "sqlite,postgres").split(",");
    for (const b of dbs.filter((d) => flavours.includes(d.flavour))) {
      const seeded = performance.now();
      await seedOrders(b);
      console.log(
        `${b.flavour}: ${ORDERS.toLocaleString("en-US")} orders seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      const { listOrders } = await import("@/lib/db/order-admin");
      const { forgetTotals } = await import("@/lib/db/list-totals");
      const { db } = await import("@/lib/db/client");
      forgetTotals();
      const floor = await timed(RUNS, () => db().order.findUnique({ where: { id: 4242 } }));
      const shapes: Record<string, Partial<Record<string, string>>> = {
        unfiltered: {},
        "state=cerrada": { state: "cerrada" },
        "channel=web, last 30 days": {
          channel: "web",
          from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
        },
        "client search": { client: "Cliente 4242" },
      };
      for (const [name, params] of Object.entries(shapes)) {
        const q: OrderQuery = parseOrderQuery(params);
        const cold = performance.now();
        await listOrders(q);
        const coldMs = performance.now() - cold;
        const warm = await timed(RUNS, () => listOrders(q));
        rows.push({
          figure: `orders list p95, ${name} (${ORDERS / 1e6} M orders ${b.flavour})`,
          goal: "≤ 100 ms",
          value: warm.p95,
          floor: floor.p95,
          unit: "ms",
          ok: warm.p95 <= 100,
          note: `first view (totals counted) ${Math.round(coldMs)} ms`,
        });
      }
      // page 20 000 by cursor: walk there once by keyset, then time the next page from that cursor
      const q = parseOrderQuery({});
      let cursor: string | null = null;
      const { decodeOrderCursor, encodeOrderCursor } = await import("@/lib/db/order-admin");
      const deep = await db().order.findMany({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: Math.floor(ORDERS / 2),
        take: 1,
      });
      if (deep[0]) cursor = encodeOrderCursor(deep[0]);
      if (!decodeOrderCursor(cursor)) throw new Error("cursor did not round-trip");
      const deepTimes = await timed(RUNS, () => listOrders(q, { after: cursor }));
      rows.push({
        figure: `orders list p95, page ${Math.round(ORDERS / 2 / 25).toLocaleString("en-US")} by cursor (${ORDERS / 1e6} M orders ${b.flavour})`,
        goal: "≤ 100 ms",
        value: deepTimes.p95,
        floor: floor.p95,
        unit: "ms",
        ok: deepTimes.p95 <= 100,
      });
      plans.push(await explain(b));
      await db().$disconnect();
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
  printTable(rows);
  writeRows("orders-list", rows);
  const file = path.join(import.meta.dirname, "results", "orders-explain.txt");
  writeFileSync(file, `${plans.join("\n\n")}\n`);
  console.log(`\nquery plans: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
