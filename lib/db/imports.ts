import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { type LoadedProduct, toLoaded } from "@/lib/db/catalog";
import { type DbTransaction, db, isSqlite } from "@/lib/db/client";
import {
  decide,
  differs,
  EXISTING_COLUMNS,
  type Existing,
  type ImportIndex,
  loadIndex,
  match,
  matchedIds,
  merge,
} from "@/lib/db/import-rows";
import { type BatchContext, type BatchResult, whileImporting, writeBatchOnDriver } from "@/lib/db/import-writes";
import type { ImportRow } from "@/lib/imports/parse";

export type ImportMode = "upsert" | "replace";
export type ImportPlanRow = {
  line: number;
  action: "create" | "update" | "unchanged";
  sku: string | null;
  name: string;
};
export type ImportSummary = { created: number; updated: number; unchanged: number; deactivated: number };

/** Rows the plan decides between two yields to the event loop (a 100 000-row file is seconds of matching). */
const PLAN_CHUNK_ROWS = 5_000;

export async function planProductImport(rows: ImportRow[]): Promise<ImportPlanRow[]> {
  const index = await loadIndex(db());
  const plan: ImportPlanRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % PLAN_CHUNK_ROWS === 0) await yieldToOthers();
    const current = match(row, index);
    const action = !current ? "create" : differs(current, merge(row, current)) ? "update" : "unchanged";
    plan.push({ line: row.line, action, sku: current?.sku ?? row.sku, name: row.name });
  }
  return plan;
}

/** Applies validated rows in batches (one transaction each, see writeImport), reporting progress. */
export async function applyProductImportRows(
  rows: ImportRow[],
  principal: Principal | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary = await whileImporting(() => writeImport(rows, principal, options));
  // A bulk change skews SQLite's planner statistics; without them list filters fall back to slow index walks.
  if (isSqlite() && summary.created + summary.updated + summary.deactivated >= 1_000) {
    await db().$executeRawUnsafe("ANALYZE Product");
  }
  return summary;
}

/**
 * Stock is written as the file's absolute value, and its `import` movement records the change from what the
 * row held at that moment. A sale may commit between batches (and, on PostgreSQL, between reading the index and
 * writing the row), so each batch re-reads its matched rows inside its transaction — on PostgreSQL under a row lock
 * taken in id order, like closeOrder, so the two never deadlock. Both writers do this.
 */
async function refreshMatchedRows(tx: DbTransaction, rows: ImportRow[], index: ImportIndex) {
  const ids = matchedIds(rows, index);
  const select = Object.fromEntries(EXISTING_COLUMNS.map((c) => [c, true])) as Record<keyof Existing, true>;
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    if (!isSqlite())
      await tx.$queryRawUnsafe(`SELECT id FROM "Product" WHERE id IN (${chunk.join(",")}) ORDER BY id FOR UPDATE`);
    for (const fresh of await tx.product.findMany({ where: { id: { in: chunk } }, select })) {
      const entry = index.byId.get(fresh.id);
      if (entry) Object.assign(entry, fresh);
    }
  }
}

/** Rows of the first transaction, and of every one when `batchRows` is given. */
export const IMPORT_BATCH_ROWS = 500;
/**
 * Adaptive batches: each transaction is sized from the time per row the previous one took, so that it holds the
 * writer (on SQLite, the event loop) for about BUSY_BATCH_MS when other work was waiting at the last yield (a chat
 * turn then waits at most about that long) and IDLE_BATCH_MS when nothing was. Larger transactions are cheaper per
 * row: a commit writes each touched index page once, however many rows of the batch touched it.
 */
const BUSY_BATCH_MS = 50;
const IDLE_BATCH_MS = 200;
/**
 * PostgreSQL runs a batch's statements while the event loop serves others, so its wall time is mostly waiting, not
 * blocking: its budget only bounds how long the batch holds its row locks (a sale of one of its products waits).
 */
const PG_BATCH_MS = 400;
/**
 * PostgreSQL also bounds the index puts after each commit (lib/chat/catalog-feed.ts), which a turn arriving then
 * waits for: at ~400 ms a batch creates ~2 500 products, whose puts took 120–270 ms (traced, 4 Dec, 19:40) and
 * were what PostgreSQL's slow turns waited for. SQLite's batches are small enough already (its 50 ms budget).
 */
const PG_PUTS_MS = 60;
const MIN_BATCH_ROWS = 250;
const MAX_BATCH_ROWS = 5_000;
/** A yield that came back later than this ran other callbacks first: someone was waiting. */
const WAITING_MS = 2;

export type ImportProgress = { done: number; total: number };
export type ImportOptions = {
  mode: ImportMode;
  fileName?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Rows per transaction, fixed (default: adaptive, starting at IMPORT_BATCH_ROWS). */
  batchRows?: number;
  /**
   * `driver` (default): a few multi-row statements per batch (lib/db/import-writes.ts). `prisma`: the previous
   * writer, two Prisma calls per row, kept as the reference the driver writer is tested against.
   */
  writer?: "driver" | "prisma";
  /**
   * Called after each batch commits with its created and updated products as committed, before the import moves
   * on (lib/imports/apply.ts puts them into this process's chat index and publishes them to the other instances).
   */
  onWritten?: (written: LoadedProduct[]) => Promise<void>;
};

/** Lets queued work (chat turns, WebSocket frames) run between two batches of a long import; ms it took. */
const yieldToOthers = () => {
  const started = performance.now();
  return new Promise<number>((resolve) => setImmediate(() => resolve(performance.now() - started)));
};

/**
 * The next batch's rows, from how long the last one took, whether anyone waited for it and, on PostgreSQL, how long
 * its index puts took.
 */
export function nextBatchRows(rows: number, tookMs: number, waitedMs: number, blocking = true, putsMs = 0): number {
  const budget = !blocking ? PG_BATCH_MS : waitedMs > WAITING_MS ? BUSY_BATCH_MS : IDLE_BATCH_MS;
  let target = Math.round((rows * budget) / Math.max(tookMs, 1));
  if (!blocking && putsMs > 0) target = Math.min(target, Math.round((rows * PG_PUTS_MS) / putsMs));
  // at most doubling: one fast batch (rows already cached) does not make the next one ten times longer
  return Math.max(MIN_BATCH_ROWS, Math.min(MAX_BATCH_ROWS, 2 * rows, target));
}

/** The previous writer: the same decisions (`decide`), one Prisma `create`/`update` and movement per row. */
async function writeBatchWithPrisma(
  rows: ImportRow[],
  offset: number,
  index: ImportIndex,
  context: BatchContext,
): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, touched: [], written: [] };
  await db().$transaction(
    async (tx) => {
      await refreshMatchedRows(tx, rows, index);
      for (const [i, row] of rows.entries()) {
        const decision = decide(row, offset + i, index, context.stamp);
        if (decision.kind === "unchanged") {
          result.unchanged++;
          result.touched.push(decision.id);
          continue;
        }
        const saved =
          decision.kind === "update"
            ? await tx.product.update({ where: { id: decision.id }, data: decision.data })
            : await tx.product.create({ data: decision.data });
        result.touched.push(saved.id);
        result.written.push(toLoaded(saved));
        if (decision.delta !== 0) {
          await tx.stockMovement.create({
            data: {
              productId: saved.id,
              delta: decision.delta,
              stockAfter: decision.data.stock,
              reason: "import",
              note: context.fileName ?? null,
              userId: context.userId,
            },
          });
        }
        if (decision.kind === "update") result.updated++;
        else result.created++;
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return result;
}

/**
 * Writes the rows in batches (adaptive, see nextBatchRows), one transaction each, reporting progress after each and
 * yielding between them; `replace` then deactivates the products missing from the file, also in batches. A batch
 * that fails stops the import: the batches before it stay (the audit entry is written only for a complete import).
 * Every batch changes `updatedAt`, which is what the chat's catalogue index follows (lib/chat/knowledge.ts).
 */
async function writeImport(
  rows: ImportRow[],
  principal: Principal | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  let batch = options.batchRows ?? IMPORT_BATCH_ROWS;
  const writeBatch = options.writer === "prisma" ? writeBatchWithPrisma : writeBatchOnDriver;
  const index = await loadIndex(db());
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
  const touched = new Set<number>();
  const context: BatchContext = {
    stamp: Date.now().toString(36).toUpperCase(),
    userId: principal?.kind === "user" ? principal.id : null,
    fileName: options.fileName,
  };
  for (let offset = 0; offset < rows.length; ) {
    const started = performance.now();
    const part = rows.slice(offset, offset + batch);
    const done = await writeBatch(part, offset, index, context);
    const took = performance.now() - started;
    // Not in the budget: a turn waits for these puts whenever it comes after the commit (it would have made them
    // itself), and counted in, they shrank SQLite's batches by a third (more commits: 33.7 s instead of 19.8 s).
    const putting = performance.now();
    await options.onWritten?.(done.written);
    const puts = performance.now() - putting;
    offset += part.length;
    summary.created += done.created;
    summary.updated += done.updated;
    summary.unchanged += done.unchanged;
    for (const id of done.touched) touched.add(id);
    options.onProgress?.({ done: offset, total: rows.length });
    const waited = await yieldToOthers();
    if (options.batchRows === undefined) batch = nextBatchRows(part.length, took, waited, isSqlite(), puts);
  }
  if (options.mode === "replace") {
    const stale = index.products.filter((p) => p.active && !touched.has(p.id)).map((p) => p.id);
    const size = options.batchRows ?? IMPORT_BATCH_ROWS;
    for (let i = 0; i < stale.length; i += size) {
      await db().product.updateMany({ where: { id: { in: stale.slice(i, i + size) } }, data: { active: false } });
      await yieldToOthers();
    }
    summary.deactivated = stale.length;
  }
  await recordAudit(principal, {
    action: "products.import",
    entityType: "product",
    entityId: null,
    after: { ...summary, mode: options.mode, rows: rows.length, file: options.fileName ?? null },
  });
  return summary;
}
