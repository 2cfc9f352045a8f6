import "dotenv/config";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseOrderQuery } from "@/lib/console/order-query";
import { resetEnvCache } from "@/lib/env";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { type BenchDb, createBenchDatabases, explainPlans, timed } from "./support/metrics-db";
import { type BenchRow, printTable, writeRows } from "./support/table";

// Client search at 100 k clients and 100 k orders, SQLite and PostgreSQL: the console's clients list and the sales
// list's client filter through the trigram indexes (lib/db/search.ts), against the LIKE '%x%' filter they replaced
// (rebuilt here as it was) in the same run. Floor: one client by primary key. Query plans of both, before and after,
// go to bench/results/search-explain.txt.
// Usage: npx tsx bench/client-search.ts [rows=100000]
const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = 20;
const SURNAMES = ["Pérez", "Gómez", "Rodríguez", "Muñoz", "Ríos", "Castaño", "Londoño", "Zapata", "Vélez", "Cardona"];

async function seed(b: BenchDb) {
  const surname = `CASE i % ${SURNAMES.length} ${SURNAMES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(" ")} END`;
  const select =
    b.flavour === "sqlite"
      ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT`
      : `SELECT`;
  const from = b.flavour === "sqlite" ? "FROM n" : `FROM generate_series(1, ${ROWS}) i`;
  const now = b.flavour === "sqlite" ? "strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')" : "now()";
  await b.db.$executeRawUnsafe(
    `INSERT INTO "Client" ("documentType", "documentNumber", "name", "phone", "email", "lastPurchaseAt", "createdAt", "updatedAt")
     ${select} 'CC', CAST(20000000 + i AS TEXT), 'Cliente ' || i || ' ' || ${surname},
       '3' || CAST(100000000 + (i * 7919) % 900000000 AS TEXT), 'compras' || i || '@empresa' || (i % 500) || '.co',
       ${now}, ${now}, ${now} ${from}`,
  );
  await b.db.$executeRawUnsafe(
    `INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "customerDocument", "customerPhone", "createdAt", "updatedAt")
     ${select} 'PED-S' || i, 'cerrada', 'web', 10000 + i, 'Cliente ' || (i % ${ROWS / 2}) || ' ' || ${surname},
       CAST(20000000 + i % ${ROWS / 2} AS TEXT), '3' || CAST(100000000 + (i * 7919) % 900000000 AS TEXT), ${now}, ${now} ${from}`,
  );
  await b.db.$executeRawUnsafe(b.flavour === "sqlite" ? "PRAGMA optimize=0x10002" : "VACUUM ANALYZE");
}

const insensitive = (b: BenchDb, term: string): Prisma.StringFilter =>
  (b.flavour === "sqlite" ? { contains: term } : { contains: term, mode: "insensitive" }) as Prisma.StringFilter;

/** The clients list's filter before the index (lib/db/clients.ts at 538b6af). */
function likeClientWhere(b: BenchDb, term: string): Prisma.ClientWhereInput {
  const digits = term.replace(/\D/g, "");
  return {
    OR: [
      { name: insensitive(b, term) },
      { email: insensitive(b, term) },
      ...(digits.length >= 3 ? [{ documentNumber: { contains: digits } }, { phone: { contains: digits } }] : []),
    ],
  };
}

/** The sales list's client filter before the index (lib/db/order-admin.ts at 538b6af). */
function likeOrderWhere(b: BenchDb, term: string): Prisma.OrderWhereInput {
  const digits = term.replace(/\D/g, "");
  return {
    OR: [
      { customerName: insensitive(b, term) },
      { number: { contains: term.toUpperCase() } },
      ...(digits.length >= 4
        ? [{ customerDocument: { contains: digits } }, { customerPhone: { contains: digits } }]
        : []),
    ],
  };
}

async function explain(b: BenchDb): Promise<string> {
  const sqlite = b.flavour === "sqlite";
  const order = `ORDER BY "lastPurchaseAt" DESC, "id" DESC LIMIT 25`;
  const plans: Record<string, string> = sqlite
    ? {
        "before (LIKE)": `SELECT "id" FROM "Client" WHERE "name" LIKE '%Cliente 4242%' OR "email" LIKE '%Cliente 4242%' OR "documentNumber" LIKE '%4242%' OR "phone" LIKE '%4242%' ${order}`,
        "after (FTS5 ids)": `SELECT rowid AS id FROM "ClientSearch" WHERE "ClientSearch" MATCH '{name email} : "Cliente 4242" OR {documentNumber phone} : "4242"' LIMIT 5001`,
        "after (page of ids)": `SELECT "id" FROM "Client" WHERE "id" IN (1, 2, 3) ${order}`,
      }
    : {
        "before (ILIKE)": `SELECT "id" FROM "Client" WHERE "name" ILIKE '%Cliente 4242%' OR "email" ILIKE '%Cliente 4242%' OR "documentNumber" LIKE '%4242%' OR "phone" LIKE '%4242%' ${order}`,
        "after (pg_trgm ids)": `SELECT "id" FROM "Client" WHERE lower("name") LIKE '%cliente 4242%' OR lower("email") LIKE '%cliente 4242%' OR lower("documentNumber") LIKE '%4242%' OR lower("phone") LIKE '%4242%' LIMIT 5001`,
        "after (page of ids)": `SELECT "id" FROM "Client" WHERE "id" IN (1, 2, 3) ${order}`,
      };
  return explainPlans(b, plans, "ANALYZE, COSTS OFF");
}

async function main() {
  const dbs = await createBenchDatabases();
  const rows: BenchRow[] = [];
  const plans: string[] = [];
  const k = `${ROWS / 1000} k`;
  try {
    const flavours = (process.env.BENCH_FLAVOURS ?? "sqlite,postgres").split(",");
    for (const b of dbs.filter((d) => flavours.includes(d.flavour))) {
      const seeded = performance.now();
      await seed(b);
      console.log(
        `${b.flavour}: ${k} clients and orders seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      const { listClients } = await import("@/lib/db/clients");
      const { listOrders } = await import("@/lib/db/order-admin");
      const { forgetTotals } = await import("@/lib/db/list-totals");
      const { db } = await import("@/lib/db/client");
      const floor = await timed(RUNS, () => db().client.findUnique({ where: { id: 4242 } }));
      const clientTerms = { name: "Cliente 4242", document: "2004 2421", phone: "3 3596", email: "compras4242@" };
      for (const [what, term] of Object.entries(clientTerms)) {
        const before = await timed(RUNS, () => {
          const where = likeClientWhere(b, term);
          return Promise.all([
            db().client.findMany({
              where,
              orderBy: [{ lastPurchaseAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
              take: 25,
            }),
            db().client.count({ where }),
          ]);
        });
        const after = await timed(RUNS, () => listClients(term, 1));
        const found = (await listClients(term, 1)).total;
        rows.push({
          figure: `clients search p95 by ${what} (${k} clients ${b.flavour})`,
          goal: "≤ 100 ms",
          value: after.p95,
          floor: floor.p95,
          unit: "ms",
          ok: after.p95 <= 100,
          note: `LIKE before: ${before.p95.toFixed(1)} ms; ${found} found`,
        });
      }
      // the sales list's client filter, totals recounted every time (a filter's first view: the worst case)
      const term = "Cliente 4242";
      const before = await timed(RUNS, () => {
        const where = likeOrderWhere(b, term);
        return Promise.all([
          db().order.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 25 }),
          db().order.count({ where }),
          db().order.groupBy({ by: ["state"], where, _sum: { total: true }, _count: { _all: true } }),
        ]);
      });
      const after = await timed(RUNS, () => {
        forgetTotals();
        return listOrders(parseOrderQuery({ client: term }));
      });
      rows.push({
        figure: `orders list p95, client search, first view (${k} orders ${b.flavour})`,
        goal: "≤ 100 ms",
        value: after.p95,
        floor: floor.p95,
        unit: "ms",
        ok: after.p95 <= 100,
        note: `LIKE before: ${before.p95.toFixed(1)} ms`,
      });
      plans.push(await explain(b));
      await db().$disconnect();
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
  printTable(rows);
  writeRows("client-search", rows);
  const file = path.join(import.meta.dirname, "results", "search-explain.txt");
  writeFileSync(file, `${plans.join("\n\n")}\n`);
  console.log(`\n${plans.join("\n\n")}\n\nquery plans: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
