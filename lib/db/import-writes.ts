import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { INDEX_COLUMNS_SQL, type LoadedProduct, loadedFromRow } from "@/lib/db/catalog";
import { type Db, db, hotStatements } from "@/lib/db/client";
import { asModel, type Row, utcTimestamps } from "@/lib/db/driver";
import {
  decide,
  EXISTING_COLUMNS,
  type Existing,
  type ImportIndex,
  matchedIds,
  type ProductWrite,
  type RowDecision,
} from "@/lib/db/import-rows";
import type { ImportRow } from "@/lib/imports/parse";

// One batch of a catalogue import on the driver underneath Prisma (lib/db/driver.ts), in one transaction: the
// matched rows re-read (under row locks on PostgreSQL), then one multi-row INSERT for the new products, one
// multi-row UPDATE for the changed ones and one multi-row INSERT for their stock movements — a handful of
// statements per batch instead of two Prisma calls per row, each of which waited for its turn on the event loop
// behind whatever else the process was doing (a chat turn). On SQLite the batch is one synchronous block under
// the adapter's transaction lock, so nothing else runs on the connection inside it and it holds the event loop
// only for the few milliseconds the statements take.

export type BatchContext = { stamp: string; userId: number | null; fileName?: string };
export type BatchResult = {
  created: number;
  updated: number;
  unchanged: number;
  touched: number[];
  /** The created and updated products as committed, in the index's shape (lib/chat/knowledge.ts puts them). */
  written: LoadedProduct[];
};

type Flavour = "sqlite" | "postgres";
type Step = { sql: string; params: unknown[] };
type Steps<T> = Generator<Step, T, Row[]>;

const q = (c: string) => `"${c}"`;
// the columns an import compares, without the id, plus the search text derived from them
const CREATE_COLUMNS: readonly (keyof ProductWrite)[] = [
  ...EXISTING_COLUMNS.filter((c): c is Exclude<typeof c, "id"> => c !== "id"),
  "searchText",
];
const UPDATE_COLUMNS = CREATE_COLUMNS.filter((c) => c !== "skuInternal" && c !== "legacyId");
const PG_TYPES: Record<string, string> = { id: "int", price: "int", stock: "int", active: "boolean" };
// the most rows one statement carries: under both engines' limits on parameters (SQLite 32 766, PostgreSQL 65 535)
const ROWS_PER_STATEMENT = 1_000;

/** `($2, $3, …), (…)` for `rows` tuples of `width` parameters numbered from `from`, typed on PostgreSQL. */
function tuples(rows: number, columns: readonly string[], from: number, flavour: Flavour, typed: boolean): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = columns.map((c, i) => {
      const n = `$${from + r * columns.length + i}`;
      return typed && flavour === "postgres" ? `${n}::${PG_TYPES[c] ?? "text"}` : n;
    });
    out.push(`(${cells.join(", ")})`);
  }
  return out.join(", ");
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

// the stored searchText too, so an update leaves it alone when it would write the same text
const readSql = (n: number, flavour: Flavour) =>
  `SELECT ${EXISTING_COLUMNS.map(q).join(", ")}, "searchText" FROM "Product" WHERE "id" IN (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ")}) ORDER BY "id"${flavour === "postgres" ? " FOR UPDATE" : ""}`;

const insertSql = (n: number, flavour: Flavour) =>
  `INSERT INTO "Product" (${CREATE_COLUMNS.map(q).join(", ")}, "createdAt", "updatedAt") VALUES ${tuples(n, CREATE_COLUMNS, 2, flavour, false).replaceAll(/\)(?=, \(|$)/g, ", $1, $1)")} RETURNING ${INDEX_COLUMNS_SQL}`;

// qualified: in an UPDATE … FROM v, PostgreSQL finds "id" in both tables
const RETURNING_SQL = INDEX_COLUMNS_SQL.split(", ")
  .map((c) => `"Product".${c}`)
  .join(", ");

/** One UPDATE for rows that change the same `columns` (SQLite rewrites an index entry for every column SET, equal or not). */
const updateSql = (n: number, columns: readonly string[], flavour: Flavour) =>
  `WITH v(${["id", ...columns].map(q).join(", ")}) AS (VALUES ${tuples(n, ["id", ...columns], 2, flavour, true)})
   UPDATE "Product" SET ${columns.map((c) => `${q(c)} = v.${q(c)}, `).join("")}"updatedAt" = $1
   FROM v WHERE "Product"."id" = v."id" RETURNING ${RETURNING_SQL}`;

/**
 * The batch's updates grouped by the columns each changes against the row as re-read: an import that moves
 * prices and stock writes those two columns, not the name, category and brand that three indexes are built on.
 */
function updateGroups(
  updates: ReadonlyMap<number, ProductWrite>,
  index: ImportIndex,
  storedSearchText: ReadonlyMap<number, string>,
): Map<string, { columns: (keyof ProductWrite)[]; rows: [number, ProductWrite][] }> {
  const groups = new Map<string, { columns: (keyof ProductWrite)[]; rows: [number, ProductWrite][] }>();
  for (const [id, data] of updates) {
    const current = index.byId.get(id);
    const columns = UPDATE_COLUMNS.filter((c) =>
      c === "searchText"
        ? !storedSearchText.has(id) || storedSearchText.get(id) !== data.searchText
        : !current || (data[c] ?? null) !== (current[c as keyof Existing] ?? null),
    );
    const key = columns.join(",");
    const group = groups.get(key) ?? { columns, rows: [] };
    if (group.rows.length === 0) groups.set(key, group);
    group.rows.push([id, data]);
  }
  return groups;
}

const MOVEMENT_COLUMNS = ["productId", "delta", "stockAfter"] as const;
const movementsSql = (n: number, flavour: Flavour) =>
  `INSERT INTO "StockMovement" ("productId", "delta", "stockAfter", "reason", "note", "userId", "createdAt") VALUES ${tuples(n, MOVEMENT_COLUMNS, 4, flavour, false).replaceAll(/\)(?=, \(|$)/g, ", 'import', $1, $2, $3)")}`;

/**
 * The batch's statements. Rows are decided in file order against the freshly re-read index, as the Prisma
 * writer does row by row: a product two rows both match is written with the last one's values, and each row's
 * movement is measured from the stock the batch read.
 */
function* batchSteps(
  rows: readonly ImportRow[],
  offset: number,
  index: ImportIndex,
  context: BatchContext,
  flavour: Flavour,
): Steps<BatchResult> {
  const storedSearchText = new Map<number, string>();
  for (const ids of chunks(matchedIds(rows, index))) {
    const fresh = yield { sql: readSql(ids.length, flavour), params: ids };
    for (const { searchText, ...row } of fresh) {
      storedSearchText.set(Number(row.id), String(searchText));
      const entry = index.byId.get(Number(row.id));
      if (entry) Object.assign(entry, asModel<Existing>(row, { booleans: ["active", "skuInternal"] }));
    }
  }
  const now = new Date();
  const decisions: RowDecision[] = rows.map((row, i) => decide(row, offset + i, index, context.stamp));
  const creates = decisions.flatMap((d) => (d.kind === "create" ? [d.data] : []));
  const updates = new Map<number, ProductWrite>();
  for (const d of decisions) if (d.kind === "update") updates.set(d.id, d.data);

  const idBySku = new Map<string, number>();
  const written: LoadedProduct[] = [];
  for (const part of chunks(creates)) {
    const params = [now, ...part.flatMap((data) => CREATE_COLUMNS.map((c) => data[c] ?? null))];
    for (const r of yield { sql: insertSql(part.length, flavour), params }) {
      idBySku.set(String(r.sku), Number(r.id));
      written.push(loadedFromRow(r));
    }
  }
  for (const { columns, rows: changed } of updateGroups(updates, index, storedSearchText).values()) {
    for (const part of chunks(changed)) {
      const params = [now, ...part.flatMap(([id, data]) => [id, ...columns.map((c) => data[c] ?? null)])];
      for (const r of yield { sql: updateSql(part.length, columns, flavour), params }) written.push(loadedFromRow(r));
    }
  }
  const movements = decisions.flatMap((d) => {
    if (d.kind === "unchanged" || d.delta === 0) return [];
    const productId = d.kind === "update" ? d.id : (idBySku.get(d.data.sku) as number);
    return [[productId, d.delta, d.data.stock]];
  });
  for (const part of chunks(movements)) {
    yield {
      sql: movementsSql(part.length, flavour),
      params: [context.fileName ?? null, context.userId, now, ...part.flat()],
    };
  }
  return {
    created: creates.length,
    updated: decisions.filter((d) => d.kind === "update").length,
    unchanged: decisions.filter((d) => d.kind === "unchanged").length,
    touched: decisions.map((d) => (d.kind === "create" ? (idBySku.get(d.data.sku) as number) : d.id)),
    written,
  };
}

/** `$n` placeholders as SQLite's anonymous `?`, with the parameters in the order they appear. */
function forSqlite(step: Step): [string, unknown[]] {
  const values: unknown[] = [];
  const sql = step.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = step.params[Number(n) - 1];
    values.push(v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? Number(v) : v);
    return "?";
  });
  return [sql, values];
}

function runSqlite(database: BetterSqlite3.Database, step: Step): Row[] {
  // not kept prepared: the statements' text depends on the batch's counts
  const [sql, values] = forSqlite(step);
  const statement = database.prepare(sql);
  if (!statement.reader) {
    statement.run(...values);
    return [];
  }
  statement.safeIntegers(false);
  return statement.all(...values) as Row[];
}

/** Writes one batch in one transaction on the driver of `client`'s connection. */
export async function writeBatchOnDriver(
  rows: readonly ImportRow[],
  offset: number,
  index: ImportIndex,
  context: BatchContext,
  client: Db = db(),
): Promise<BatchResult> {
  const { connection } = await hotStatements(client);
  if (connection.flavour === "sqlite") {
    const tx = await connection.adapter.startTransaction(); // BEGIN, and Prisma's lock on the connection
    let committed = false;
    try {
      // from here to COMMIT nothing awaits: no other query can run on the connection inside this transaction
      const steps = batchSteps(rows, offset, index, context, "sqlite");
      let next = steps.next();
      while (!next.done) next = steps.next(runSqlite(connection.database, next.value));
      connection.database.prepare("COMMIT").run();
      committed = true;
      return next.value;
    } finally {
      if (!committed) connection.database.prepare("ROLLBACK").run();
      await (committed ? tx.commit() : tx.rollback()); // releases the lock (the SQL was ours)
    }
  }
  const pgClient: pg.PoolClient = await connection.pool.connect();
  let open = false;
  try {
    await pgClient.query("BEGIN");
    open = true;
    const steps = batchSteps(rows, offset, index, context, "postgres");
    let next = steps.next();
    while (!next.done) {
      // unnamed statements: their text changes with the batch's counts, so naming them would pile them up
      const values = next.value.params.map((v) => (v instanceof Date ? v.toISOString() : v));
      // UTC stamps, as every other read of updatedAt: the rows returned go into the chat's index with their stamp
      const result = await pgClient.query({ text: next.value.sql, values, types: utcTimestamps });
      next = steps.next(result.rows as Row[]);
    }
    await pgClient.query("COMMIT");
    open = false;
    return next.value;
  } finally {
    if (open) await pgClient.query("ROLLBACK").catch(() => undefined);
    pgClient.release();
  }
}

/**
 * WAL pages between automatic checkpoints while an import writes. SQLite's default (1 000 pages) checkpoints
 * after nearly every batch of a large import (each touches that many index pages), copying and syncing pages
 * the next batch dirties again; a longer interval copies each page once per interval.
 */
const IMPORT_CHECKPOINT_PAGES = 10_000;
let importsRunning = 0;
let checkpointBefore = 1_000;

/** Runs a whole import with the longer checkpoint interval on SQLite (restored when the last import ends). */
export async function whileImporting<T>(body: () => Promise<T>, client: Db = db()): Promise<T> {
  const { connection } = await hotStatements(client);
  if (connection.flavour !== "sqlite") return body();
  const database = connection.database;
  if (importsRunning++ === 0) {
    checkpointBefore = Number(database.pragma("wal_autocheckpoint", { simple: true }));
    database.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  }
  try {
    return await body();
  } finally {
    if (--importsRunning === 0) database.pragma(`wal_autocheckpoint = ${checkpointBefore}`);
  }
}
