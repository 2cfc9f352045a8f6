import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

// The chat turn's hot statements on the driver underneath Prisma, skipping Prisma's per-call cost (query
// compilation in WebAssembly and result mapping: ~0.3–1 ms a call, most of a turn's CPU). The SAME connection
// Prisma uses — captured when its adapter connects — so there is one pool, one SQLite connection and one writer:
// a second SQLite connection in this process could block the event loop on the file lock that Prisma's own
// open transaction holds. Only lib/db uses this, behind the same function signatures as the Prisma versions.

/** What a driver adapter exposes after connect(): better-sqlite3's Database or pg's Pool as `client`. */
type ConnectedAdapter = {
  client: unknown;
  startTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
};
type AdapterFactory = { connect(): Promise<unknown> };

export type Connection =
  | { flavour: "sqlite"; adapter: ConnectedAdapter; database: BetterSqlite3.Database }
  | { flavour: "postgres"; pool: pg.Pool };

// Process-wide, like the client itself: Next's compiled server and server.ts load this module twice.
const shared = globalThis as unknown as { __sextinvalleConnections?: WeakMap<object, Connection> };
shared.__sextinvalleConnections ??= new WeakMap<object, Connection>();
const captured = shared.__sextinvalleConnections;

/** Wraps a Prisma adapter factory so the connection it opens can be reached by `connectionOf(client)`. */
export function captureConnection<F extends AdapterFactory>(factory: F, flavour: "sqlite" | "postgres", key: object) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as ConnectedAdapter;
    captured.set(
      key,
      flavour === "sqlite"
        ? { flavour, adapter, database: adapter.client as BetterSqlite3.Database }
        : { flavour, pool: adapter.client as pg.Pool },
    );
    return adapter;
  };
  return factory;
}

export function capturedConnection(key: object): Connection | undefined {
  return captured.get(key);
}

export type Row = Record<string, unknown>;

// PostgreSQL `timestamp(3)` (no time zone) holds UTC, as Prisma writes it; pg would read it as local time.
const TIMESTAMP_OID = 1114;
export const utcTimestamps = {
  getTypeParser: (oid: number, format?: string) =>
    oid === TIMESTAMP_OID
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format),
};

/**
 * A statement with $1…$n placeholders, on either engine. SQLite reads them as ?1…?n and keeps each prepared
 * statement; PostgreSQL names it, so the server parses and plans it once per connection.
 */
export class Statements {
  #sqlite = new Map<string, { stmt: BetterSqlite3.Statement; order: number[] }>();
  constructor(readonly connection: Connection) {}

  /** The statement with anonymous `?` placeholders, and which of `params` each one takes. */
  #prepared(sql: string, params: readonly unknown[]): [BetterSqlite3.Statement, unknown[]] {
    const database = (this.connection as { database: BetterSqlite3.Database }).database;
    let entry = this.#sqlite.get(sql);
    if (!entry) {
      const order: number[] = [];
      const stmt = database.prepare(
        sql.replace(/\$(\d+)/g, (_, n: string) => {
          order.push(Number(n) - 1);
          return "?";
        }),
      );
      // Prisma's connection reads integers as BigInt by default; ids and amounts here fit in a double
      if (stmt.reader) stmt.safeIntegers(false);
      entry = { stmt, order };
      this.#sqlite.set(sql, entry);
    }
    return [entry.stmt, entry.order.map((i) => sqliteValue(params[i]))];
  }

  /** SQLite only, synchronous: the rows of a statement. */
  allSync(sql: string, params: readonly unknown[] = []): Row[] {
    const [stmt, values] = this.#prepared(sql, params);
    return stmt.all(...values) as Row[];
  }

  /** SQLite only, synchronous: a write, returning the last inserted rowid. */
  runSync(sql: string, params: readonly unknown[] = []): number {
    const [stmt, values] = this.#prepared(sql, params);
    return Number(stmt.run(...values).lastInsertRowid);
  }

  /** SQLite only, synchronous: the rows of a statement that returns rows, none for a plain write. */
  querySync(sql: string, params: readonly unknown[] = []): Row[] {
    const [stmt, values] = this.#prepared(sql, params);
    if (stmt.reader) return stmt.all(...values) as Row[];
    stmt.run(...values);
    return [];
  }

  async all(sql: string, params: readonly unknown[] = [], client?: pg.PoolClient): Promise<Row[]> {
    if (this.connection.flavour === "sqlite") return this.allSync(sql, params);
    const result = await (client ?? this.connection.pool).query({
      name: statementName(sql),
      text: sql,
      // a Date would be sent as local time with an offset, which a timestamp without time zone drops
      values: params.map((v) => (v instanceof Date ? v.toISOString() : v)),
      types: utcTimestamps,
    });
    return result.rows as Row[];
  }
}

/** Prisma stores SQLite DateTime as ISO text with +00:00 and booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

// Process-wide: PostgreSQL keeps a statement's name per connection, and the pool is shared by every copy of this
// module (server.ts and Next's bundle each load one). Two maps numbered `svt_hot_0` each from their own first
// statement, so the second copy's first turn failed with "Prepared statements must be unique" (bench/cluster).
const sharedNames = globalThis as unknown as { __sextinvalleStatementNames?: Map<string, string> };
sharedNames.__sextinvalleStatementNames ??= new Map<string, string>();
const names = sharedNames.__sextinvalleStatementNames;
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `svt_hot_${names.size}`;
    names.set(sql, name);
  }
  return name;
}

/** Column types Prisma maps that the drivers return differently: dates (text on SQLite), booleans (0/1). */
export type Columns = { dates?: readonly string[]; booleans?: readonly string[] };

/** A raw row as Prisma would return it for a model with these date and boolean columns. */
export function asModel<T>(row: Row, columns: Columns): T {
  const out: Row = { ...row };
  for (const c of columns.dates ?? []) {
    const v = out[c];
    if (v !== null && v !== undefined && !(v instanceof Date)) out[c] = new Date(v as string | number);
  }
  for (const c of columns.booleans ?? []) {
    const v = out[c];
    if (v !== null && v !== undefined && typeof v !== "boolean") out[c] = Number(v) !== 0;
  }
  return out as T;
}
