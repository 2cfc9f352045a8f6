import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Connection, captureConnection, capturedConnection, Statements } from "@/lib/db/driver";
import { databaseFlavour, env } from "@/lib/env";
import type { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

// lib/db is the only place that touches Prisma. Both generated clients come from one data model, so
// they share one API; the SQLite client's type stands for both.
export type Db = SqliteClient;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Flavour = ReturnType<typeof databaseFlavour>;
type ClientClass = new (options: { adapter: ReturnType<typeof captureConnection> }) => Db;

// Only the engines this process uses are loaded: each generated client is ~0.35 MB of code, and the server
// would otherwise keep both engines' copies in memory (issue 12). The configured engine (DATABASE_URL, read
// raw: env() validates more than this needs) is loaded below, before any importer runs; a process that opens
// the other engine as well (tests, benches, `setupDatabase` on a given URL) awaits `loadEngine` first.
const engines: Partial<Record<Flavour, ClientClass>> = {};

export async function loadEngine(flavour: Flavour): Promise<void> {
  if (engines[flavour]) return;
  engines[flavour] =
    flavour === "postgres"
      ? ((await import("@/lib/generated/postgres/client")).PrismaClient as unknown as ClientClass)
      : ((await import("@/lib/generated/sqlite/client")).PrismaClient as unknown as ClientClass);
}

await loadEngine(databaseFlavour(process.env.DATABASE_URL ?? ""));

const globalForDb = globalThis as unknown as { __sextinvalleDb?: { url: string; client: Db } };

export function createDb(url: string): Db {
  const flavour = databaseFlavour(url);
  const Client = engines[flavour];
  if (!Client) throw new Error(`createDb: the ${flavour} Prisma client is not loaded (await loadEngine first)`);
  // the adapter's connection is captured for lib/db's hot statements (lib/db/driver.ts), keyed by the client
  const key = {};
  const adapter =
    flavour === "postgres"
      ? // a server that does not answer (blackholed, overloaded) fails the request as an outage instead of hanging it
        new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 })
      : // busy timeout: concurrent writers wait instead of failing with SQLITE_BUSY
        new PrismaBetterSqlite3({ url: url.replace(/^file:/, ""), timeout: 10_000 });
  const client = new Client({ adapter: captureConnection(adapter, flavour, key) });
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
