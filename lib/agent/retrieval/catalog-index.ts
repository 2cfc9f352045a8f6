// In-memory product search: inverted index (term → postings) + fuzzy vocabulary. A query only touches
// the postings of its own terms, so latency depends on term frequency, not on catalog size.

import { formBases } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import type { CatalogProduct } from "@/lib/agent/types";
import { antiCompoundsOf, expansionsOf } from "./expansions";
import { IndexStore } from "./index-store";
import { type Family, familiesOf, type ProductProfile, profileProduct } from "./profiles";
import { createSearch, type SearchHit, type SearchOptions } from "./search";

export { normalizeForSearch } from "@/lib/agent/analysis/normalize";
export type { SearchHit, SearchOptions } from "./search";

export type CategorySummary = { name: string; count: number };

export type CatalogIndex = {
  search(query: string, options?: SearchOptions): SearchHit[];
  bySku(sku: string): CatalogProduct | undefined;
  /** What the product's own row says about it: kind, attributes, terms. */
  profile(product: CatalogProduct): ProductProfile;
  /** Active products of one kind (head noun stem), in catalogue order. */
  ofKind(kind: string): CatalogProduct[];
  /** The kind a stemmed query term names, tolerating typos ("estintor" → "extintor") unless told not to. */
  kindNamed(term: string, options?: { typos?: boolean }): string | null;
  /** Catalogue terms a stemmed query term the catalogue lacks may stand for: an anti- compound or a slip ("vakuet"). */
  spellings(term: string): string[];
  /** Every active product, in catalogue order. */
  all(): readonly CatalogProduct[];
  /** Families for catalogue overviews: real categories, else kinds. */
  families(): Family[];
  categories(): CategorySummary[];
  inCategory(category: string, limit?: number): CatalogProduct[];
  related(product: CatalogProduct, limit?: number): CatalogProduct[];
  size(): number;
};

/** An index that follows its catalogue: products put one batch at a time, as a build over them all would be. */
export type LiveCatalogIndex = CatalogIndex & {
  /**
   * Adds, replaces (by SKU) or — when inactive — removes each product, leaving the index as a build over the
   * active products in `rank` order would. Synchronous: callers with large batches split them.
   */
  put(products: readonly CatalogProduct[]): void;
  /** Trims spare capacity (after a bulk load). */
  compact(): void;
  /**
   * Reads the details (attributes, terms) of up to `limit` products no turn has read yet, so turns need not:
   * true while some are left. Callers run it in chunks after a build or a put.
   */
  readDetails(limit: number): boolean;
};
export type CatalogIndexOptions = {
  /** Catalogue order of a product (the database's id order); default: the order products were first put. */
  rank?: (product: CatalogProduct) => number;
};

export function createCatalogIndex(allProducts: readonly CatalogProduct[], options: CatalogIndexOptions = {}) {
  const store = new IndexStore();
  let next = 0;
  const rankFor = (product: CatalogProduct, held: CatalogProduct | undefined) =>
    options.rank?.(product) ?? (held && held.id === product.id ? (store.rankHeld(held) as number) : next++);
  function put(products: readonly CatalogProduct[]): void {
    for (const product of products) {
      const held = store.held.get(product.sku);
      const rank = rankFor(product, held);
      if (held) store.remove(held);
      if (product.active) store.add(product, rank);
    }
  }
  put(allProducts);
  store.compact();
  const { ordered: products, skuMap, categoryDocs, kinds, slots } = store;
  const profile = (p: CatalogProduct) => store.profiles.get(p.sku) ?? profileProduct(p);
  let families: { version: number; list: Family[] } | null = null;
  function kindNamed(term: string, options: { typos?: boolean } = {}): string | null {
    if (kinds.has(term)) return term;
    // A word some row has is that word, not a slip for a kind ("pantalón" of a rain suit is no "pantalla").
    if (/\d/.test(term) || term.length < 4 || store.postings.has(term)) return null;
    const form = formBases(term).find((base) => kinds.has(base));
    if (form) return form;
    const { kindSounds, kindVocabulary } = store.derive();
    const sound = kindSounds.get(phoneticKey(term));
    if (sound || options.typos === false) return sound ?? null;
    // A spelling slip keeps the first letter ("extinor"); a real word one letter away usually does not.
    const typo = kindVocabulary.lookup(term, 1)[0]?.term;
    return typo && typo[0] === term[0] && term.length >= 5 ? typo : null;
  }
  const search = createSearch(store);

  return {
    search,
    bySku: (sku) => skuMap.get(sku.trim().toUpperCase()),
    profile,
    ofKind: (kind) => kinds.get(kind) ?? [],
    kindNamed,
    // One letter off, the first one kept, in a word long enough to misspell: "vakuet" → "vaquet", not "obra" → "cobra".
    spellings: (term) =>
      store.postings.has(term) || term.length < 5
        ? []
        : [
            ...antiCompoundsOf(store, term),
            ...expansionsOf(store, term).flatMap((e) =>
              e.typo && e.factor >= 0.8 && e.term[0] === term[0] ? [e.term] : [],
            ),
          ],
    all: () => products,
    families() {
      if (families?.version !== store.version)
        families = { version: store.version, list: familiesOf(products, profile) };
      return families.list;
    },
    categories: () =>
      store.derive().categoryTerms.map(({ name }) => ({ name, count: (categoryDocs.get(name) as number[]).length })),
    inCategory: (category, limit = 50) =>
      (categoryDocs.get(category) ?? []).slice(0, limit).map((doc) => slots[doc] as CatalogProduct),
    related(product, limit = 4) {
      const text = `${product.synonyms.slice(0, 2).join(" ")} ${product.category}`;
      return search(text, { limit: limit + 1, category: product.category })
        .map((h) => h.product)
        .filter((p) => p.sku !== product.sku)
        .slice(0, limit);
    },
    size: () => products.length,
    put,
    compact: () => store.compact(),
    readDetails: (limit) => store.readDetails(limit),
  } satisfies LiveCatalogIndex as LiveCatalogIndex;
}
