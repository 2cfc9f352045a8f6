// In-memory product search: inverted index (term → postings) + fuzzy vocabulary. A query only touches
// the postings of its own terms, so latency depends on term frequency, not on catalog size.

import { FuzzyVocabulary } from "@/lib/agent/analysis/fuzzy";
import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { lexiconWords } from "@/lib/agent/lexicon";
import type { CatalogProduct } from "@/lib/agent/types";
import { conceptTerms } from "./concepts";
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

// Why these weights: customers name products by the words on the label or their own synonyms;
// category/brand are broader, descriptions mention uses but also incidental words.
const FIELD_WEIGHTS = { synonyms: 3, name: 3, category: 2, brand: 1.5, standard: 1, description: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;

type Postings = { docs: Int32Array; weights: Float32Array };

const SKU_PATTERN = /\b([a-z]{2,4})[\s_-]*(\d{3,4})\b/g;

function fieldTexts(p: CatalogProduct): Record<Field, string> {
  return {
    synonyms: p.synonyms.join(" ; "),
    name: p.name,
    category: p.category,
    brand: p.brand,
    standard: p.standard ?? "",
    description: p.description,
  };
}

/** Unigrams plus adjacent bigrams ("linea_vida") so phrases outrank scattered words. */
function termsWithBigrams(text: string, memo?: Map<string, string[]>): string[] {
  const cached = memo?.get(text);
  if (cached) return cached;
  const terms: string[] = [];
  for (const part of text.split(/[;,.]/)) {
    const unigrams = analyze(part);
    terms.push(...unigrams);
    for (let i = 0; i + 1 < unigrams.length; i++) terms.push(`${unigrams[i]}_${unigrams[i + 1]}`);
  }
  memo?.set(text, terms);
  return terms;
}

export function createCatalogIndex(allProducts: readonly CatalogProduct[]): CatalogIndex {
  const products = allProducts.filter((p) => p.active);
  const skuMap = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const profiles = new Map(products.map((p) => [p.sku, profileProduct(p)]));
  const profile = (p: CatalogProduct) => profiles.get(p.sku) ?? profileProduct(p);
  const kinds = new Map<string, CatalogProduct[]>();
  for (const p of products) {
    for (const kind of profile(p).kinds) {
      const members = kinds.get(kind);
      if (members) members.push(p);
      else kinds.set(kind, [p]);
    }
  }
  let families: Family[] | null = null;
  const kindVocabulary = new FuzzyVocabulary(kinds.keys());
  const kindSounds = new Map([...kinds.keys()].map((k) => [phoneticKey(k), k]));
  function kindNamed(term: string, options: { typos?: boolean } = {}): string | null {
    if (kinds.has(term)) return term;
    if (/\d/.test(term) || term.length < 4) return null;
    const sound = kindSounds.get(phoneticKey(term));
    if (sound || options.typos === false) return sound ?? null;
    // A spelling slip keeps the first letter ("extinor"); a real word one letter away usually does not.
    const typo = kindVocabulary.lookup(term, 1)[0]?.term;
    return typo && typo[0] === term[0] && term.length >= 5 ? typo : null;
  }
  const building = new Map<string, { docs: number[]; weights: number[] }>();
  const categoryDocs = new Map<string, number[]>();
  // Catalogs repeat categories, brands, synonyms and descriptions: analyse each distinct text once.
  const memo = new Map<string, string[]>();

  products.forEach((product, doc) => {
    const weights = new Map<string, number>();
    const texts = fieldTexts(product);
    for (const field of Object.keys(FIELD_WEIGHTS) as Field[]) {
      for (const term of new Set(termsWithBigrams(texts[field], field === "name" ? undefined : memo))) {
        const weight = FIELD_WEIGHTS[field];
        const previous = weights.get(term) ?? 0;
        // A term in several fields counts a little more, never as much as two separate terms.
        weights.set(term, Math.max(previous, weight) + 0.15 * Math.min(previous, weight));
      }
    }
    // The head noun ("Casco de…" vs "Barbuquejo … para casco") says what the product IS.
    const head = termsWithBigrams(product.name)[0];
    if (head) weights.set(head, (weights.get(head) ?? 0) + 1);
    for (const [term, weight] of weights) {
      let postings = building.get(term);
      if (!postings) {
        postings = { docs: [], weights: [] };
        building.set(term, postings);
      }
      postings.docs.push(doc);
      postings.weights.push(weight);
    }
    const members = categoryDocs.get(product.category);
    if (members) members.push(doc);
    else categoryDocs.set(product.category, [doc]);
  });

  const index = new Map<string, Postings>();
  for (const [term, p] of building)
    index.set(term, { docs: Int32Array.from(p.docs), weights: Float32Array.from(p.weights) });
  building.clear();
  const vocabulary = new FuzzyVocabulary(index.keys());
  const soundsLike = new Map<string, string[]>();
  for (const term of index.keys()) {
    if (/\d/.test(term) || term.includes("_")) continue;
    const key = phoneticKey(term);
    const bucket = soundsLike.get(key);
    if (bucket) bucket.push(term);
    else soundsLike.set(key, [term]);
  }
  const categoryTerms = [...categoryDocs.keys()].map((name) => ({ name, terms: [...new Set(analyze(name))] }));
  const total = products.length;
  const best = new Float64Array(total);
  // Scratch arrays reused by every search (searches are synchronous): allocating and zeroing five arrays the
  // size of the catalogue per query cost more than the query itself at 100 000 products.
  const scratch = {
    scores: new Float64Array(total),
    matched: new Float64Array(total),
    solid: new Uint8Array(total),
    named: new Uint8Array(total),
    worded: new Uint8Array(total),
  };
  const idf = (term: string) => Math.log(1 + total / (index.get(term)?.docs.length ?? total));

  /** Vocabulary terms a query term stands for, with a confidence factor (typos count less). */
  function expand(term: string): Array<{ term: string; factor: number; typo?: boolean }> {
    // "oídos" → tapones/orejeras: a body part or hazard also stands for the products that protect it.
    const known = index.get(term);
    // A word that already finds a fair share of the catalog ("alturas") needs no concept help.
    if (known && known.docs.length >= 0.04 * total) return [{ term, factor: 1 }];
    const concept = conceptTerms(term).filter((t) => t !== term && index.has(t));
    if (known) return [{ term, factor: 1 }, ...concept.map((t) => ({ term: t, factor: 0.7 }))];
    if (concept.length > 0) return concept.map((t) => ({ term: t, factor: 0.85 }));
    if (/\d/.test(term) || LEXICON_TERMS.has(term)) return [];
    // Sound-alike spelling ("kasco", "baketa") is near-certain; edit distance is the last resort.
    const sounds = soundsLike.get(phoneticKey(term));
    if (sounds) return sounds.slice(0, 3).map((t) => ({ term: t, factor: 0.9 }));
    return vocabulary.lookup(term, 2).map((m) => ({ term: m.term, factor: m.distance === 1 ? 0.8 : 0.6, typo: true }));
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 5;
    const allowed = options.skus ? new Set([...options.skus].map((s) => s.toUpperCase())) : null;
    const { scores, matched, solid, named, worded } = scratch;
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
        for (let i = 0; i < postings.docs.length; i++) {
          const doc = postings.docs[i] as number;
          add(doc, weight * (postings.weights[i] as number));
          matched[doc] = (matched[doc] as number) + termIdf;
          if (!guessed) solid[doc] = 1;
          if (naming) named[doc] = 1;
          if (word) worded[doc] = 1;
        }
        anyNamed ||= naming && postings.docs.length > 0;
        continue;
      }
      // Alternatives of one query term count once per product (their best), via a reusable scratch array.
      const seen: number[] = [];
      for (const { term, factor } of expansions) {
        const postings = index.get(term) as Postings;
        const weight = idf(term) * factor;
        for (let i = 0; i < postings.docs.length; i++) {
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
      for (let j = 0; j < postings.docs.length; j++)
        add(postings.docs[j] as number, factor * (postings.weights[j] as number));
    }

    // "qué manejan en señalización": a query naming a whole category lifts every member.
    const termSet = new Set(canonical);
    for (const category of categoryTerms) {
      const distinctive = category.terms.filter((t) => t !== "proteg");
      if (distinctive.length === 0 || !distinctive.every((t) => termSet.has(t))) continue;
      for (const doc of categoryDocs.get(category.name) ?? [])
        add(doc, 2 * distinctive.reduce((s, t) => s + idf(t), 0));
    }

    // Top-k by insertion: k is tiny, touched may be tens of thousands, so no full sort.
    const keep = limit + exactSkus.size;
    const hits: SearchHit[] = [];
    for (const doc of touched) {
      const product = products[doc] as CatalogProduct;
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
      families ??= familiesOf(products, profile);
      return families;
    },
    categories: () => [...categoryDocs].map(([name, docs]) => ({ name, count: docs.length })),
    inCategory: (category, limit = 50) =>
      (categoryDocs.get(category) ?? []).slice(0, limit).map((doc) => products[doc] as CatalogProduct),
    related(product, limit = 4) {
      const text = `${product.synonyms.slice(0, 2).join(" ")} ${product.category}`;
      return search(text, { limit: limit + 1, category: product.category })
        .map((h) => h.product)
        .filter((p) => p.sku !== product.sku)
        .slice(0, limit);
    },
    size: () => total,
  };
}
