import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { type DbTransaction, db, isSqlite } from "@/lib/db/client";
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
  return { products, bySku, byName };
}

function match(row: ImportRow, index: Awaited<ReturnType<typeof loadIndex>>): Existing | undefined {
  return row.sku ? index.bySku.get(row.sku.toUpperCase()) : index.byName.get(foldText(row.name));
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
    active: true,
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

/** Applies validated rows in ONE transaction: either every row lands or none does. */
export async function applyProductImportRows(
  rows: ImportRow[],
  principal: Principal | null,
  options: { mode: ImportMode; fileName?: string },
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
 * row held at that moment. On PostgreSQL a sale may commit between reading the index and writing the row, so
 * the matched rows are locked (id order, like closeOrder, so the two never deadlock) and re-read under the
 * lock. SQLite serialises write transactions, so nothing can change underneath.
 */
async function lockMatchedRows(tx: DbTransaction, rows: ImportRow[], index: Awaited<ReturnType<typeof loadIndex>>) {
  if (isSqlite()) return;
  const ids = [...new Set(rows.map((row) => match(row, index)?.id))]
    .filter((id): id is number => Number.isInteger(id))
    .sort((a, b) => a - b);
  const byId = new Map(index.products.map((p) => [p.id, p]));
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    await tx.$queryRawUnsafe(`SELECT id FROM "Product" WHERE id IN (${chunk.join(",")}) ORDER BY id FOR UPDATE`);
    for (const fresh of await tx.product.findMany({ where: { id: { in: chunk } }, select: SELECT })) {
      const entry = byId.get(fresh.id);
      if (entry) Object.assign(entry, fresh);
    }
  }
}

function writeImport(
  rows: ImportRow[],
  principal: Principal | null,
  options: { mode: ImportMode; fileName?: string },
): Promise<ImportSummary> {
  const userId = principal?.kind === "user" ? principal.id : null;
  return db().$transaction(
    async (tx) => {
      const index = await loadIndex(tx);
      await lockMatchedRows(tx, rows, index);
      const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
      const touched = new Set<number>();
      const stamp = Date.now().toString(36).toUpperCase();
      for (const [i, row] of rows.entries()) {
        const current = match(row, index);
        const merged = merge(row, current);
        if (current) touched.add(current.id);
        if (current && !differs(current, merged)) {
          summary.unchanged++;
          continue;
        }
        const sku = current?.sku ?? row.sku ?? `IMP-${stamp}-${i + 1}`;
        const data = { ...merged, sku, searchText: productSearchText({ ...merged, sku }) };
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
              note: options.fileName ?? null,
              userId,
            },
          });
        }
        if (current) summary.updated++;
        else summary.created++;
      }
      if (options.mode === "replace") {
        const stale = index.products.filter((p) => p.active && !touched.has(p.id)).map((p) => p.id);
        for (let i = 0; i < stale.length; i += 500) {
          await tx.product.updateMany({ where: { id: { in: stale.slice(i, i + 500) } }, data: { active: false } });
        }
        summary.deactivated = stale.length;
      }
      await recordAudit(
        principal,
        {
          action: "products.import",
          entityType: "product",
          entityId: null,
          after: { ...summary, mode: options.mode, rows: rows.length, file: options.fileName ?? null },
        },
        tx,
      );
      return summary;
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}
