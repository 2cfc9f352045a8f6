// Products to show for a question ("¿tienen cascos blancos?", "algo para soldar"): the same narrowing as a
// purchase (kind, attributes, words), listed instead of resolved; a figure nobody has lists the nearest ones.

import { analyze } from "../analysis/normalize";
import type { CatalogProduct } from "../types";
import type { CatalogIndex } from "./catalog-index";
import { conceptTerms } from "./concepts";
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

/**
 * A question in several sentences ("algo pa el ruido, las máquinas son muy duras, ¿qué me recomienda?"): the
 * reasons around the need can steer the whole text to products that answer none of it. When the whole text names
 * no kind and lists nothing a sentence naming a need lists, that sentence answers: one naming a kind, or a body part,
 * hazard or task that products answer; the best scored of them.
 */
function bySentence(query: string, whole: Listing, catalog: CatalogIndex, limit: number): Listing | null {
  if (whole.resolution.kind !== null) return null;
  const sentences = query.split(/[,.;:!?¿¡\n]+/).filter((s) => s.trim().length > 0);
  if (sentences.length < 2) return null;
  const shown = new Set(whole.products.map((p) => p.sku));
  let best: { listing: Listing; score: number } | null = null;
  for (const sentence of sentences) {
    const named = analyze(sentence).some((t) => conceptTerms(t).length > 0 || catalog.kindNamed(t) !== null);
    if (!named) continue;
    const listing = listFor(sentence, catalog, limit, null);
    if (listing.products.length === 0) continue;
    if (listing.products.some((p) => shown.has(p.sku))) return null;
    const score = Math.max(...listing.resolution.hits.map((h) => h.score));
    if (!best || score > best.score) best = { listing, score };
  }
  return best?.listing ?? null;
}

export function findProducts(query: string, catalog: CatalogIndex, limit = 5, order: PriceOrder = null): Listing {
  const whole = listFor(query, catalog, limit, order);
  return (order ? null : bySentence(query, whole, catalog, limit)) ?? whole;
}

function listFor(query: string, catalog: CatalogIndex, limit: number, order: PriceOrder): Listing {
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
