import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup";
import { percentile } from "./harness";

// Temporary, seeded SQLite and PostgreSQL databases for the export and metrics benches, plus bulk
// generators written in SQL (a million rows in seconds, no JS objects per row).
export type BenchDb = { flavour: "sqlite" | "postgres"; url: string; db: Db; drop: () => Promise<void> };

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function createBenchDatabases(): Promise<BenchDb[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-bench-"));
  const sqliteUrl = `file:${path.join(dir, "bench.db")}`;
  const name = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const pgUrl = new URL(ADMIN_URL);
  pgUrl.pathname = `/${name}`;
  await Promise.all([setupDatabase(sqliteUrl), setupDatabase(pgUrl.toString())]);
  const sqlite = createDb(sqliteUrl);
  const postgres = createDb(pgUrl.toString());
  return [
    {
      flavour: "sqlite",
      url: sqliteUrl,
      db: sqlite,
      drop: async () => {
        await sqlite.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    },
    {
      flavour: "postgres",
      url: pgUrl.toString(),
      db: postgres,
      drop: async () => {
        await postgres.$disconnect();
        const c = new pg.Client({ connectionString: ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    },
  ];
}

/** `count` messages over `conversations` chats and the last `days` days: customers with intents, bot replies with timings, some staff. */
export async function seedMessages(b: BenchDb, count: number, conversations: number, days = 90): Promise<void> {
  const now = Date.now();
  if (b.flavour === "sqlite") {
    await b.db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${conversations})
       INSERT INTO "Conversation" ("chatId", "channel", "createdAt", "updatedAt", "lastMessageAt")
       SELECT 'bench-' || i, 'web', strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now / 1000} - (i % ${days}) * 86400 - (i % 36000), 'unixepoch'),
              strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now') FROM n`,
    );
    await b.db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
       INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "createdAt", "totalMs", "modelMs")
       SELECT (SELECT MIN("id") FROM "Conversation" WHERE "chatId" LIKE 'bench-%') + (i % ${conversations}),
              CASE WHEN i % 2 = 0 THEN 'customer' WHEN i % 41 = 0 THEN 'staff' ELSE 'assistant' END,
              'Mensaje de prueba número ' || i || ', ¿tienen cascos y guantes?',
              CASE WHEN i % 2 = 0 THEN CASE i % 4 WHEN 0 THEN 'inventario' WHEN 2 THEN 'venta' END END, 'pendiente', '{}',
              strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now / 1000} - (i % ${days}) * 86400 - (i % 36000), 'unixepoch'),
              CASE WHEN i % 2 = 1 THEN 300 + (i * 7919) % 4000 END, CASE WHEN i % 2 = 1 THEN 200 + (i * 104729) % 3000 END
       FROM n`,
    );
  } else {
    await b.db.$executeRawUnsafe(
      `INSERT INTO "Conversation" ("chatId", "channel", "createdAt", "updatedAt", "lastMessageAt")
       SELECT 'bench-' || i, 'web', to_timestamp(${now / 1000} - (i % ${days}) * 86400 - (i % 36000)) AT TIME ZONE 'UTC', now(), now()
       FROM generate_series(1, ${conversations}) i`,
    );
    await b.db.$executeRawUnsafe(
      `INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "createdAt", "totalMs", "modelMs")
       SELECT (SELECT MIN("id") FROM "Conversation" WHERE "chatId" LIKE 'bench-%') + (i % ${conversations}),
              CASE WHEN i % 2 = 0 THEN 'customer' WHEN i % 41 = 0 THEN 'staff' ELSE 'assistant' END,
              'Mensaje de prueba número ' || i || ', ¿tienen cascos y guantes?',
              CASE WHEN i % 2 = 0 THEN CASE i % 4 WHEN 0 THEN 'inventario' WHEN 2 THEN 'venta' END END, 'pendiente', '{}',
              to_timestamp(${now / 1000} - (i % ${days}) * 86400 - (i % 36000)) AT TIME ZONE 'UTC',
              CASE WHEN i % 2 = 1 THEN 300 + (i::bigint * 7919) % 4000 END, CASE WHEN i % 2 = 1 THEN 200 + (i::bigint * 104729) % 3000 END
       FROM generate_series(1, ${count}) i`,
    );
    await b.db.$executeRawUnsafe(`ANALYZE`);
  }
}

export { percentile };

/** p50/p95 of `n` sequential runs of `fn`, in ms. */
export async function timed(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Each statement's plan (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN (<pgOptions>)`), as text for a bench file. */
export async function explainPlans(
  b: BenchDb,
  statements: Record<string, string>,
  pgOptions = "ANALYZE, COSTS OFF, TIMING OFF",
): Promise<string> {
  const out: string[] = [];
  for (const [name, sql] of Object.entries(statements)) {
    const plan = await b.db.$queryRawUnsafe<Record<string, unknown>[]>(
      b.flavour === "sqlite" ? `EXPLAIN QUERY PLAN ${sql}` : `EXPLAIN (${pgOptions}) ${sql}`,
    );
    out.push(`-- ${b.flavour} ${name}: ${sql}`);
    for (const row of plan) out.push(`   ${String(row.detail ?? row["QUERY PLAN"] ?? JSON.stringify(row))}`);
  }
  return out.join("\n");
}
