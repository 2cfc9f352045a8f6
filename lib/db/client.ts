import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Connection, captureConnection, capturedConnection, Statements } from "@/lib/db/driver";
import { databaseFlavour, env } from "@/lib/env";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

// lib/db is the only place that touches Prisma. Both generated clients come from one data model, so
// they share one API; the SQLite client's type stands for both.
export type Db = SqliteClient;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { __sextinvalleDb?: { url: string; client: Db } };

export function createDb(url: string): Db {
  // the adapter's connection is captured for lib/db's hot statements (lib/db/driver.ts), keyed by the client
  const key = {};
  let client: Db;
  if (databaseFlavour(url) === "postgres") {
    // a server that does not answer (blackholed, overloaded) fails the request as an outage instead of hanging it
    const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    client = new PostgresClient({ adapter: captureConnection(adapter, "postgres", key) }) as unknown as Db;
  } else {
    // busy timeout: concurrent writers wait instead of failing with SQLITE_BUSY
    const adapter = new PrismaBetterSqlite3({ url: url.replace(/^file:/, ""), timeout: 10_000 });
    client = new SqliteClient({ adapter: captureConnection(adapter, "sqlite", key) });
  }
  connectionKeys.set(client, key);
  return client;
}

// Process-wide like the client (globalForDb): a second module instance must find the key of a client the first
// one created.
const sharedKeys = globalThis as unknown as { __sextinvalleConnectionKeys?: WeakMap<Db, object> };
sharedKeys.__sextinvalleConnectionKeys ??= new WeakMap<Db, object>();
const connectionKeys = sharedKeys.__sextinvalleConnectionKeys;
const closed = (c: Connection) =>
  c.flavour === "sqlite" ? !c.database.open : (c.pool as { ending?: boolean; ended?: boolean }).ending === true;
const statements = new WeakMap<Connection, Statements>();

/**
 * Prepared statements on the connection underneath `client` (connecting it first if no query has yet). A
 * reconnect after $disconnect opens a new connection, hence new statements.
 */
export async function hotStatements(client: Db = db()): Promise<Statements> {
  const key = connectionKeys.get(client);
  if (!key) throw new Error("hotStatements: the client was not made by createDb");
  let connection = capturedConnection(key);
  if (!connection || closed(connection)) {
    await client.$connect();
    connection = capturedConnection(key) as Connection;
  }
  let s = statements.get(connection);
  if (!s) {
    s = new Statements(connection);
    statements.set(connection, s);
  }
  return s;
}

/** The process-wide client (survives Next's dev reloads). */
export function db(): Db {
  const url = env().DATABASE_URL;
  const current = globalForDb.__sextinvalleDb;
  if (current && current.url === url) return current.client;
  const client = createDb(url);
  globalForDb.__sextinvalleDb = { url, client };
  return client;
}

export function isSqlite(): boolean {
  return databaseFlavour(env().DATABASE_URL) === "sqlite";
}

/** Enables WAL so readers never block on the single writer (no-op on PostgreSQL). */
export async function tuneDatabase(client: Db, url: string): Promise<void> {
  if (databaseFlavour(url) !== "sqlite") return;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  // planner statistics: without them SQLite picks weak indexes for filtered lists (3–10× slower at 100 k rows)
  await client.$queryRawUnsafe("PRAGMA optimize=0x10002");
}
