import Database from "better-sqlite3";
import pg from "pg";
import { databaseFlavour, env } from "@/lib/env";

// The driver itself (better-sqlite3 / pg), for the keyset batches of the large exports only: Prisma's raw
// queries map every cell through its driver adapter and query engine, which was most of the CPU of a 1 M-row
// export. SQL text is written once with `$1` placeholders (as lib/db/raw-sql.ts); the SQLite side opens its own
// read-only connection (WAL: it never blocks the app's writer) and keeps prepared statements; PostgreSQL gets
// named statements (parsed and planned once per connection). Rows come back as arrays in the SELECT's column
// order: no object with 17 keys per row, which was a third of the read time.
type Reader = { url: string; all<T>(sql: string, params: unknown[]): Promise<T[]>; close(): Promise<void> };

/** How the export reader's PostgreSQL connections name themselves (pg_stat_activity). */
export const EXPORT_APPLICATION_NAME = "sextinvalle-export";

const globalForReader = globalThis as unknown as { __sextinvalleExportReader?: Reader };

function sqliteReader(url: string): Reader {
  const file = url.replace(/^file:/, "");
  const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  // per SQL text: the statement and, for each `?`, which `$n` it stands for
  const statements = new Map<string, { statement: Database.Statement; order: number[] }>();
  return {
    url,
    async all<T>(sql: string, params: unknown[]) {
      let prepared = statements.get(sql);
      if (!prepared) {
        const order: number[] = [];
        const text = sql.replace(/\$(\d+)(::\w+)?/g, (_, n: string) => {
          order.push(Number(n) - 1);
          return "?";
        });
        prepared = { statement: conn.prepare(text).raw(true), order };
        statements.set(sql, prepared);
      }
      return prepared.statement.all(...prepared.order.map((i) => params[i])) as T[];
    },
    async close() {
      conn.close();
    },
  };
}

function postgresReader(url: string): Reader {
  // a small pool of its own: an export holds one connection at a time; idle ones close quickly. No parallel
  // query: for a 5 000-row keyset batch PostgreSQL launched 2 parallel workers per query (a process start each
  // time, ~3 ms) that then competed with this process for the same 2 cores.
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 5_000,
    connectionTimeoutMillis: 5_000,
    application_name: EXPORT_APPLICATION_NAME,
    // one generic plan per statement: the first executions' custom plans (bound to actual ids) picked a hash
    // join over every order for a 5 000-id range
    options: "-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan",
  });
  pool.on("error", () => undefined); // a dropped idle connection is replaced on the next query
  const names = new Map<string, string>();
  return {
    url,
    async all<T>(sql: string, params: unknown[]) {
      let name = names.get(sql);
      if (!name) {
        name = `export_${names.size + 1}`;
        names.set(sql, name);
      }
      return (await pool.query({ name, text: sql, values: params, rowMode: "array" })).rows as T[];
    },
    close: () => pool.end(),
  };
}

function reader(): Reader {
  const url = env().DATABASE_URL;
  const current = globalForReader.__sextinvalleExportReader;
  if (current?.url === url) return current;
  void current?.close().catch(() => undefined);
  const created = databaseFlavour(url) === "postgres" ? postgresReader(url) : sqliteReader(url);
  globalForReader.__sextinvalleExportReader = created;
  return created;
}

/** Rows (arrays, in the SELECT's column order) of one read-only export query (`$1` placeholders on both flavours). */
export function exportRows<T>(sql: string, params: unknown[]): Promise<T[]> {
  return reader().all<T>(sql, params);
}

/** Closes this thread's export connections (an export worker thread does so before it ends). */
export async function closeExportReader(): Promise<void> {
  const current = globalForReader.__sextinvalleExportReader;
  globalForReader.__sextinvalleExportReader = undefined;
  await current?.close();
}
