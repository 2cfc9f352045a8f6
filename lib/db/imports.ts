import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { type DbTransaction, db, isSqlite } from "@/lib/db/client";
import { legacyProductSku } from "@/lib/domain/legacy";
import type { Product } from "@/lib/generated/sqlite/client";
import type { ImportRow } from "@/lib/imports/parse";
import { foldText, productSearchText } from "@/lib/text";

export type ImportMode = "upsert" | "replace";
export type ImportPlanRow = {
  line: number;
  action: "create" | "update" | "unchanged";
  sku: string | null;
  name: string;
};
export type ImportSummary = { created: number; updated: number; unchanged: number; deactivated: number };

/** The product columns an import compares and writes (everything but derived and bookkeeping fields). */
type Existing = Omit<Product, "searchText" | "createdAt" | "updatedAt" | "imageKey" | "lowStockThreshold">;

const SELECT = {
  id: true,
  sku: true,
  name: true,
  description: true,
  category: true,
  brand: true,
  price: true,
  stock: true,
  unit: true,
  standard: true,
  synonyms: true,
  active: true,
  legacyId: true,
  skuInternal: true,
} as const;

async function loadIndex(client: Pick<ReturnType<typeof db>, "product">) {
  const products: Existing[] = await client.product.findMany({ select: SELECT });
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const byName = new Map<string, Existing>();
  for (const p of products) if (!byName.has(foldText(p.name))) byName.set(foldText(p.name), p);
  const byLegacyId = new Map(products.filter((p) => p.legacyId !== null).map((p) => [p.legacyId as number, p]));
  return { products, bySku, byName, byLegacyId };
}

function match(row: ImportRow, index: Awaited<ReturnType<typeof loadIndex>>): Existing | undefined {
  if (row.sku) return index.bySku.get(row.sku.toUpperCase());
  if (row.legacyId !== null) {
    const byId = index.byLegacyId.get(row.legacyId) ?? index.bySku.get(legacyProductSku(row.legacyId));
    if (byId) return byId;
  }
  return index.byName.get(foldText(row.name));
}

/** The merged product after applying a row: columns the file does not have keep their current value. */
function merge(row: ImportRow, current: Existing | undefined) {
  const synonyms =
    row.synonyms === null
      ? (current?.synonyms ?? "")
      : row.synonyms
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean)
          .join(";");
  const merged = {
    name: row.name,
    description: row.description ?? current?.description ?? "",
    category: row.category ?? current?.category ?? "Sin categoría",
    brand: row.brand ?? current?.brand ?? "",
    price: row.price,
    stock: row.stock,
    unit: row.unit ?? current?.unit ?? "unidad",
    standard: row.standard === null ? (current?.standard ?? null) : row.standard || null,
    synonyms,
    active: row.active ?? true,
  };
  return merged;
}

function differs(current: Existing, merged: ReturnType<typeof merge>): boolean {
  return (Object.keys(merged) as (keyof typeof merged)[]).some((k) => current[k] !== merged[k]);
}

export async function planProductImport(rows: ImportRow[]): Promise<ImportPlanRow[]> {
  const index = await loadIndex(db());
  return rows.map((row) => {
    const current = match(row, index);
    const action = !current ? "create" : differs(current, merge(row, current)) ? "update" : "unchanged";
    return { line: row.line, action, sku: current?.sku ?? row.sku, name: row.name };
  });
}

/** Applies validated rows in batches (one transaction each, see writeImport), reporting progress. */
export async function applyProductImportRows(
  rows: ImportRow[],
  principal: Principal | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary = await writeImport(rows, principal, options);
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
 * taken in id order, like closeOrder, so the two never deadlock.
 */
async function refreshMatchedRows(tx: DbTransaction, rows: ImportRow[], index: Awaited<ReturnType<typeof loadIndex>>) {
  const ids = [...new Set(rows.map((row) => match(row, index)?.id))]
    .filter((id): id is number => Number.isInteger(id))
    .sort((a, b) => a - b);
  const byId = new Map(index.products.map((p) => [p.id, p]));
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    if (!isSqlite())
      await tx.$queryRawUnsafe(`SELECT id FROM "Product" WHERE id IN (${chunk.join(",")}) ORDER BY id FOR UPDATE`);
    for (const fresh of await tx.product.findMany({ where: { id: { in: chunk } }, select: SELECT })) {
      const entry = byId.get(fresh.id);
      if (entry) Object.assign(entry, fresh);
    }
  }
}

/** Rows per transaction: short enough that chat turns (which write too) never wait long for the writer. */
export const IMPORT_BATCH_ROWS = 500;

export type ImportProgress = { done: number; total: number };
export type ImportOptions = {
  mode: ImportMode;
  fileName?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Rows per transaction (default IMPORT_BATCH_ROWS). */
  batchRows?: number;
};

/** Lets queued work (chat turns, WebSocket frames) run between two batches of a long import. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

async function writeBatch(
  rows: ImportRow[],
  offset: number,
  index: Awaited<ReturnType<typeof loadIndex>>,
  context: { summary: ImportSummary; touched: Set<number>; stamp: string; userId: number | null; fileName?: string },
) {
  const { summary, touched, stamp, userId } = context;
  await db().$transaction(
    async (tx) => {
      await refreshMatchedRows(tx, rows, index);
      for (const [i, row] of rows.entries()) {
        const current = match(row, index);
        const merged = merge(row, current);
        if (current) touched.add(current.id);
        if (current && !differs(current, merged)) {
          summary.unchanged++;
          continue;
        }
        // a row without a SKU gets one the shop never chose: customers are shown the name instead
        const generated = row.legacyId !== null ? legacyProductSku(row.legacyId) : `IMP-${stamp}-${offset + i + 1}`;
        const sku = current?.sku ?? row.sku ?? generated;
        const legacyId =
          current?.legacyId ?? (row.legacyId !== null && !index.byLegacyId.has(row.legacyId) ? row.legacyId : null);
        const identity = current ? {} : { skuInternal: !row.sku, legacyId };
        const data = { ...merged, ...identity, sku, searchText: productSearchText({ ...merged, sku }) };
        const saved = current
          ? await tx.product.update({ where: { id: current.id }, data })
          : await tx.product.create({ data });
        touched.add(saved.id);
        const delta = merged.stock - (current?.stock ?? 0);
        if (delta !== 0) {
          await tx.stockMovement.create({
            data: {
              productId: saved.id,
              delta,
              stockAfter: merged.stock,
              reason: "import",
              note: context.fileName ?? null,
              userId,
            },
          });
        }
        if (current) summary.updated++;
        else summary.created++;
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * Writes the rows in batches of IMPORT_BATCH_ROWS, one transaction each, reporting progress after each and
 * yielding between them; `replace` then deactivates the products missing from the file, also in batches. A batch
 * that fails stops the import: the batches before it stay (the audit entry is written only for a complete import).
 */
async function writeImport(
  rows: ImportRow[],
  principal: Principal | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  const batch = options.batchRows ?? IMPORT_BATCH_ROWS;
  const userId = principal?.kind === "user" ? principal.id : null;
  const index = await loadIndex(db());
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
  const context = {
    summary,
    touched: new Set<number>(),
    stamp: Date.now().toString(36).toUpperCase(),
    userId,
    fileName: options.fileName,
  };
  for (let offset = 0; offset < rows.length; offset += batch) {
    await writeBatch(rows.slice(offset, offset + batch), offset, index, context);
    options.onProgress?.({ done: Math.min(rows.length, offset + batch), total: rows.length });
    await yieldToOthers();
  }
  if (options.mode === "replace") {
    const stale = index.products.filter((p) => p.active && !context.touched.has(p.id)).map((p) => p.id);
    for (let i = 0; i < stale.length; i += batch) {
      await db().product.updateMany({ where: { id: { in: stale.slice(i, i + batch) } }, data: { active: false } });
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
