// A bulk change to selected products, as data; the preview and the write compute the same result from it.
// No imports: lib/db applies it in one transaction, the console shows it first.
export type BulkChange =
  | { type: "activate" }
  | { type: "deactivate" }
  | { type: "category"; category: string }
  | { type: "price"; percent: number };

export const MAX_BULK_PRODUCTS = 500;
export const MIN_PERCENT = -90;
export const MAX_PERCENT = 300;

export type BulkProduct = { id: number; sku: string; name: string; price: number; active: boolean; category: string };
export type BulkRow = {
  id: number;
  sku: string;
  name: string;
  before: string | number | boolean;
  after: string | number | boolean;
};

/** The new price of a percentage change, in whole pesos (rounded half up), never below $ 1. */
export function priceAfterPercent(price: number, percent: number): number {
  return Math.max(1, Math.round((price * (100 + percent)) / 100));
}

/** What the change does to each product; unchanged products are left out. */
export function planBulkChange(products: readonly BulkProduct[], change: BulkChange): BulkRow[] {
  const rows: BulkRow[] = [];
  for (const p of products) {
    const base = { id: p.id, sku: p.sku, name: p.name };
    if (change.type === "activate" && !p.active) rows.push({ ...base, before: false, after: true });
    if (change.type === "deactivate" && p.active) rows.push({ ...base, before: true, after: false });
    if (change.type === "category" && p.category !== change.category) {
      rows.push({ ...base, before: p.category, after: change.category });
    }
    if (change.type === "price") {
      const after = priceAfterPercent(p.price, change.percent);
      if (after !== p.price) rows.push({ ...base, before: p.price, after });
    }
  }
  return rows;
}

export const BULK_LABELS: Record<BulkChange["type"], string> = {
  activate: "Activar",
  deactivate: "Desactivar",
  category: "Cambiar categoría",
  price: "Cambiar precio (%)",
};
