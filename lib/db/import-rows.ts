import { type Db, hotStatements } from "@/lib/db/client";
import { asModel } from "@/lib/db/driver";
import { legacyProductSku } from "@/lib/domain/legacy";
import type { Product } from "@/lib/generated/sqlite/client";
import type { ImportRow } from "@/lib/imports/parse";
import { foldText, productSearchText } from "@/lib/text";

// What a catalogue import decides for each row — which product it is, what it becomes, the stock movement —
// shared by both batch writers (lib/db/import-writes.ts on the driver, the Prisma one in lib/db/imports.ts), so
// they can differ only in how the rows reach the database.

/** The product columns an import compares and writes (everything but derived and bookkeeping fields). */
export type Existing = Omit<Product, "searchText" | "createdAt" | "updatedAt" | "imageKey" | "lowStockThreshold">;

export const EXISTING_COLUMNS = [
  "id",
  "sku",
  "name",
  "description",
  "category",
  "brand",
  "price",
  "stock",
  "unit",
  "standard",
  "synonyms",
  "active",
  "legacyId",
  "skuInternal",
] as const satisfies readonly (keyof Existing)[];

export type ImportIndex = {
  products: Existing[];
  /** Built once per import: each batch re-reads its matched rows into these same objects. */
  byId: Map<number, Existing>;
  bySku: Map<string, Existing>;
  byName: Map<string, Existing>;
  byLegacyId: Map<number, Existing>;
};

const INDEX_SQL = `SELECT ${EXISTING_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Product"`;

/** Every product's compared columns, on the driver (100 000 rows through Prisma took ~0.5 s, twice per import). */
export async function loadIndex(client: Db): Promise<ImportIndex> {
  const rows = await (await hotStatements(client)).all(INDEX_SQL);
  const products = rows.map((r) => {
    const p = asModel<Existing>(r, { booleans: ["active", "skuInternal"] });
    p.id = Number(p.id);
    return p;
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const byName = new Map<string, Existing>();
  for (const p of products) if (!byName.has(foldText(p.name))) byName.set(foldText(p.name), p);
  const byLegacyId = new Map(products.filter((p) => p.legacyId !== null).map((p) => [p.legacyId as number, p]));
  return { products, byId, bySku, byName, byLegacyId };
}

export function match(row: ImportRow, index: ImportIndex): Existing | undefined {
  if (row.sku) return index.bySku.get(row.sku.toUpperCase());
  if (row.legacyId !== null) {
    const byId = index.byLegacyId.get(row.legacyId) ?? index.bySku.get(legacyProductSku(row.legacyId));
    if (byId) return byId;
  }
  return index.byName.get(foldText(row.name));
}

/** The merged product after applying a row: columns the file does not have keep their current value. */
export function merge(row: ImportRow, current: Existing | undefined) {
  const synonyms =
    row.synonyms === null
      ? (current?.synonyms ?? "")
      : row.synonyms
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean)
          .join(";");
  return {
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
}
export type Merged = ReturnType<typeof merge>;

export function differs(current: Existing, merged: Merged): boolean {
  return (Object.keys(merged) as (keyof Merged)[]).some((k) => current[k] !== merged[k]);
}

/** The columns a write sets: on update the merged ones plus sku and searchText; on create also the identity. */
export type ProductWrite = Merged & {
  sku: string;
  searchText: string;
  skuInternal?: boolean;
  legacyId?: number | null;
};

export type RowDecision =
  | { kind: "unchanged"; id: number }
  | { kind: "update"; id: number; data: ProductWrite; delta: number }
  | { kind: "create"; data: ProductWrite; delta: number };

/**
 * What row `position` of the file (0-based) does, against the index as re-read for its batch. A row without a
 * SKU gets one the shop never chose (customers are shown the name instead); the stock movement's delta is the
 * change from what the product held when its batch re-read it.
 */
export function decide(row: ImportRow, position: number, index: ImportIndex, stamp: string): RowDecision {
  const current = match(row, index);
  const merged = merge(row, current);
  if (current && !differs(current, merged)) return { kind: "unchanged", id: current.id };
  const generated = row.legacyId !== null ? legacyProductSku(row.legacyId) : `IMP-${stamp}-${position + 1}`;
  const sku = current?.sku ?? row.sku ?? generated;
  const delta = merged.stock - (current?.stock ?? 0);
  const searchText = productSearchText({ ...merged, sku });
  if (current) return { kind: "update", id: current.id, data: { ...merged, sku, searchText }, delta };
  const legacyId = row.legacyId !== null && !index.byLegacyId.has(row.legacyId) ? row.legacyId : null;
  return { kind: "create", data: { ...merged, skuInternal: !row.sku, legacyId, sku, searchText }, delta };
}

/** The ids of the batch's matched products, ascending (the order rows are locked in, like closeOrder's). */
export function matchedIds(rows: readonly ImportRow[], index: ImportIndex): number[] {
  return [...new Set(rows.map((row) => match(row, index)?.id))]
    .filter((id): id is number => Number.isInteger(id))
    .sort((a, b) => a - b);
}
