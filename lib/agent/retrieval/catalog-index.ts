// In-memory product search: inverted index (term → postings) + fuzzy vocabulary. A query only touches
// the postings of its own terms, so latency depends on term frequency, not on catalog size.

import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { lexiconWords } from "@/lib/agent/lexicon";
import type { CatalogProduct } from "@/lib/agent/types";
import { conceptTerms } from "./concepts";
import { IndexStore, type Postings } from "./index-store";
import { type Family, familiesOf, type ProductProfile, profileProduct } from "./profiles";

/**
 * Colour words describe a product, they don't name one: "guantes negros" must not rank the yellow-and-black
 * floor tape above gloves, nor "extintor rojo" the red padlock above extinguishers.
 */
// A word the lexicon reads itself is matched exactly or not at all, never as a spelling guess.
const LEXICON_TERMS = new Set(lexiconWords().flatMap((w) => analyze(w)));

const ATTRIBUTE_TERMS = new Set([
  "blanc",
  "amarill",
  "negr",
  "rojo",
  "roja",
  "roj",
  "naranj",
  "azul",
  "verde",
  "gri",
  "oscur",
  "clar",
  "transparente",
]);
const ATTRIBUTE_ONLY_FACTOR = 0.1;

export { normalizeForSearch } from "@/lib/agent/analysis/normalize";

export type SearchHit = {
  product: CatalogProduct;
  score: number;
  coverage: number;
  /**
   * Matched only through spelling guesses (edit distance) while other query words matched nothing:
   * "gracias, muy gentil" → "ducha". Callers deciding whether a product was named ignore it.
   */
  guess?: boolean;
  /** Reached only through numbers of the query, no word: a figure alone does not name a product. */
  numbersOnly?: boolean;
};
export type SearchOptions = {
  limit?: number;
  category?: string;
  /** Only these SKUs may be returned (e.g. the cart's lines when a correction names one of them). */
  skus?: Iterable<string>;
};
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
  /** Every active product, in catalogue order. */
  all(): readonly CatalogProduct[];
  /** Families for catalogue overviews: real categories, else kinds. */
  families(): Family[];
  categories(): CategorySummary[];
  inCategory(category: string, limit?: number): CatalogProduct[];
  related(product: CatalogProduct, limit?: number): CatalogProduct[];
  size(): number;
};

const SKU_PATTERN = /\b([a-z]{2,4})[\s_-]*(\d{3,4})\b/g;

/** An index that follows its catalogue: products put one batch at a time, as a build over them all would be. */
export type LiveCatalogIndex = CatalogIndex & {
  /**
   * Adds, replaces (by SKU) or — when inactive — removes each product, leaving the index as a build over the
   * active products in `rank` order would. Synchronous: callers with large batches split them.
   */
  put(products: readonly CatalogProduct[]): void;
  /** Trims spare capacity (after a bulk load). */
  compact(): void;
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
  const { ordered: products, skuMap, postings: index, vocabulary, categoryDocs, kinds, slots } = store;
  const profile = (p: CatalogProduct) => store.profiles.get(p.sku) ?? profileProduct(p);
  let families: { version: number; list: Family[] } | null = null;
  function kindNamed(term: string, options: { typos?: boolean } = {}): string | null {
    if (kinds.has(term)) return term;
    if (/\d/.test(term) || term.length < 4) return null;
    const { kindSounds, kindVocabulary } = store.derive();
    const sound = kindSounds.get(phoneticKey(term));
    if (sound || options.typos === false) return sound ?? null;
    // A spelling slip keeps the first letter ("extinor"); a real word one letter away usually does not.
    const typo = kindVocabulary.lookup(term, 1)[0]?.term;
    return typo && typo[0] === term[0] && term.length >= 5 ? typo : null;
  }
  // Scratch arrays reused by every search (searches are synchronous): allocating and zeroing five arrays the
  // size of the catalogue per query cost more than the query itself at 100 000 products. Grown with the slots.
  const scratchFor = (size: number) => ({
    best: new Float64Array(size),
    scores: new Float64Array(size),
    matched: new Float64Array(size),
    solid: new Uint8Array(size),
    named: new Uint8Array(size),
    worded: new Uint8Array(size),
  });
  let scratch = scratchFor(slots.length);
  const idf = (term: string) => Math.log(1 + products.length / (index.get(term)?.n ?? products.length));

  /** Vocabulary terms a query term stands for, with a confidence factor (typos count less). */
  function expand(term: string): Array<{ term: string; factor: number; typo?: boolean }> {
    // "oídos" → tapones/orejeras: a body part or hazard also stands for the products that protect it.
    const known = index.get(term);
    // A word that already finds a fair share of the catalog ("alturas") needs no concept help.
    if (known && known.n >= 0.04 * products.length) return [{ term, factor: 1 }];
    const concept = conceptTerms(term).filter((t) => t !== term && index.has(t));
    if (known) return [{ term, factor: 1 }, ...concept.map((t) => ({ term: t, factor: 0.7 }))];
    if (concept.length > 0) return concept.map((t) => ({ term: t, factor: 0.85 }));
    if (/\d/.test(term) || LEXICON_TERMS.has(term)) return [];
    // Sound-alike spelling ("kasco", "baketa") is near-certain; edit distance is the last resort.
    const sounds = store.soundsLike(phoneticKey(term));
    if (sounds) return sounds.slice(0, 3).map((t) => ({ term: t, factor: 0.9 }));
    return vocabulary.lookup(term, 2).map((m) => ({ term: m.term, factor: m.distance === 1 ? 0.8 : 0.6, typo: true }));
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 5;
    const allowed = options.skus ? new Set([...options.skus].map((s) => s.toUpperCase())) : null;
    if (scratch.scores.length < slots.length) scratch = scratchFor(slots.length * 2);
    const { best, scores, matched, solid, named, worded } = scratch;
    // solid: reached by a term that is not a spelling guess; named: by a term that names something (not only a
    // colour); worded: by a word, not only by a number.
    let anyNamed = false;
    const touched: number[] = [];
    const add = (doc: number, value: number) => {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] as number) + value;
    };

    const exactSkus = new Set<string>();
    for (const m of foldText(query).matchAll(SKU_PATTERN)) {
      const sku = `${m[1]}-${m[2]}`.toUpperCase();
      if (skuMap.has(sku) && (!allowed || allowed.has(sku))) exactSkus.add(sku);
    }

    const queryTerms = [...new Set(analyze(query))].slice(0, 24);
    const expanded = queryTerms.map((t) => ({ term: t, expansions: expand(t) }));
    const resolved = expanded.filter((q) => q.expansions.length > 0);
    const strayWords = expanded.some((q) => q.expansions.length === 0 && !/\d/.test(q.term));
    let idfTotal = 0;
    for (const { term: queryTerm, expansions } of resolved) {
      // Small bare numbers are usually quantities ("2 cascos"): they may help, never dominate.
      const isSmallNumber = /^\d{1,2}$/.test(queryTerm);
      // "20lb", "talla40": a spoken specification separates otherwise identical products.
      const specBoost = /^(\d+(\.\d+)?[a-z]+|talla\w+)$/.test(queryTerm) ? 2 : 1;
      const termIdf = isSmallNumber ? 0 : idf((expansions[0] as { term: string }).term) * specBoost;
      idfTotal += termIdf;
      const guessed = expansions.every((e) => e.typo);
      const naming = !ATTRIBUTE_TERMS.has(queryTerm) && !isSmallNumber;
      const word = /^[a-z]/.test(queryTerm);
      if (expansions.length === 1) {
        const { term, factor } = expansions[0] as { term: string; factor: number };
        const postings = index.get(term) as Postings;
        const weight = idf(term) * factor * (isSmallNumber ? 0.3 : specBoost);
        for (let i = 0; i < postings.n; i++) {
          const doc = postings.docs[i] as number;
          add(doc, weight * (postings.weights[i] as number));
          matched[doc] = (matched[doc] as number) + termIdf;
          if (!guessed) solid[doc] = 1;
          if (naming) named[doc] = 1;
          if (word) worded[doc] = 1;
        }
        anyNamed ||= naming && postings.n > 0;
        continue;
      }
      // Alternatives of one query term count once per product (their best), via a reusable scratch array.
      const seen: number[] = [];
      for (const { term, factor } of expansions) {
        const postings = index.get(term) as Postings;
        const weight = idf(term) * factor;
        for (let i = 0; i < postings.n; i++) {
          const doc = postings.docs[i] as number;
          const value = weight * (postings.weights[i] as number);
          const previous = best[doc] as number;
          if (previous === 0) seen.push(doc);
          if (value > previous) best[doc] = value;
        }
      }
      for (const doc of seen) {
        add(doc, best[doc] as number);
        matched[doc] = (matched[doc] as number) + termIdf;
        if (!guessed) solid[doc] = 1;
        if (naming) named[doc] = 1;
        if (word) worded[doc] = 1;
        best[doc] = 0;
      }
      anyNamed ||= naming && seen.length > 0;
    }

    const canonical = resolved.map((q) => (q.expansions[0] as { term: string }).term);
    for (let i = 0; i + 1 < canonical.length; i++) {
      const bigram = `${canonical[i]}_${canonical[i + 1]}`;
      const postings = index.get(bigram);
      if (!postings) continue;
      // "4 argollas", "talla 9": a number glued to its noun is an attribute, as telling as a word.
      const factor = /\d/.test(bigram) ? 0.5 * idf(bigram) : 0.5;
      for (let j = 0; j < postings.n; j++) add(postings.docs[j] as number, factor * (postings.weights[j] as number));
    }

    // "qué manejan en señalización": a query naming a whole category lifts every member.
    const termSet = new Set(canonical);
    for (const category of store.derive().categoryTerms) {
      const distinctive = category.terms.filter((t) => t !== "proteg");
      if (distinctive.length === 0 || !distinctive.every((t) => termSet.has(t))) continue;
      for (const doc of categoryDocs.get(category.name) ?? [])
        add(doc, 2 * distinctive.reduce((s, t) => s + idf(t), 0));
    }

    // Top-k by insertion: k is tiny, touched may be tens of thousands, so no full sort.
    const keep = limit + exactSkus.size;
    const hits: SearchHit[] = [];
    for (const doc of touched) {
      const product = slots[doc] as CatalogProduct;
      if (options.category && product.category !== options.category) continue;
      if (allowed && !allowed.has(product.sku)) continue;
      const coverage = idfTotal > 0 ? Math.min(1, (matched[doc] as number) / idfTotal) : 0;
      const attributeOnly = anyNamed && named[doc] === 0;
      const score = (scores[doc] as number) * coverage * coverage * (attributeOnly ? ATTRIBUTE_ONLY_FACTOR : 1);
      if (hits.length >= keep && score <= (hits[hits.length - 1] as SearchHit).score) continue;
      let at = hits.length;
      while (at > 0 && (hits[at - 1] as SearchHit).score < score) at--;
      const hit: SearchHit = { product, score, coverage };
      if (strayWords && solid[doc] === 0) hit.guess = true;
      if (worded[doc] === 0) hit.numbersOnly = true;
      hits.splice(at, 0, hit);
      if (hits.length > keep) hits.pop();
    }
    for (const sku of exactSkus) {
      const product = skuMap.get(sku) as CatalogProduct;
      const existing = hits.find((h) => h.product.sku === sku);
      if (existing) existing.score += 1000;
      else hits.push({ product, score: 1000, coverage: 1 });
    }
    for (const doc of touched) {
      scores[doc] = 0;
      matched[doc] = 0;
      solid[doc] = 0;
      named[doc] = 0;
      worded[doc] = 0;
    }
    hits.sort((a, b) => b.score - a.score || a.product.sku.localeCompare(b.product.sku));
    return hits.slice(0, limit);
  }

  return {
    search,
    bySku: (sku) => skuMap.get(sku.trim().toUpperCase()),
    profile,
    ofKind: (kind) => kinds.get(kind) ?? [],
    kindNamed,
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
  } satisfies LiveCatalogIndex as LiveCatalogIndex;
}
