// Products to show for a question ("¿tienen cascos blancos?", "algo para soldar"): the same narrowing as a
// purchase (kind, attributes, words), listed instead of resolved; a figure nobody has lists the nearest ones.

import type { CatalogProduct } from "../types";
import type { CatalogIndex } from "./catalog-index";
import { type Resolution, resolvePhrase } from "./resolve";

export type Listing = {
  products: CatalogProduct[];
  /** More products fit than are listed. */
  more: number;
  resolution: Resolution;
};

export type PriceOrder = "price_asc" | "price_desc" | null;

/** "el más barato": every product fitting the question (the whole catalogue when it names none) by price. */
function byPrice(products: readonly CatalogProduct[], order: "price_asc" | "price_desc"): CatalogProduct[] {
  const sign = order === "price_asc" ? 1 : -1;
  return [...products].sort((a, b) => sign * (a.price - b.price) || a.name.localeCompare(b.name, "es"));
}

export function findProducts(query: string, catalog: CatalogIndex, limit = 5, order: PriceOrder = null): Listing {
  const resolution = resolvePhrase(query, catalog);
  let fitting: CatalogProduct[];
  if (resolution.nearest.length > 0) fitting = resolution.nearest;
  else if (resolution.kind) {
    // What fits first; then, for a question, other products of the same kind as alternatives.
    const fits = new Set(resolution.fitting.map((p) => p.sku));
    const kind = resolution.kind;
    const alternatives = resolution.hits
      .map((h) => h.product)
      .filter((p) => !fits.has(p.sku) && catalog.profile(p).kinds.includes(kind));
    fitting = [...resolution.fitting, ...alternatives];
  } else if (resolution.ambiguous) fitting = resolution.fitting;
  else {
    // No kind named ("algo para soldar"): what the search found, the resolved product first.
    const found = resolution.hits.filter((h) => h.coverage >= 0.5 && !h.guess).map((h) => h.product);
    const first = resolution.resolved;
    fitting = first ? [first, ...found.filter((p) => p.sku !== first.sku)] : found;
  }
  if (order) fitting = byPrice(fitting.length > 0 ? fitting : catalog.all(), order);
  return { products: fitting.slice(0, limit), more: Math.max(0, fitting.length - limit), resolution };
}
