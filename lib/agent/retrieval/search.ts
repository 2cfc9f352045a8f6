// Scoring a query over the inverted index, then picking the best few. At 100 000 products one common word
// reaches tens of thousands of products, so the cost is in the per-product accumulators: they are typed arrays
// reused by every search (score and matched weight side by side, the three booleans as bits of one byte), the
// touched products a reused list, and selection reads a product only once its score can enter the top k.
// Planning searches the same phrase several times per turn (with another limit, or within the cart's SKUs):
// the scoring of the last few queries is kept, keyed by the index version, and only selection runs again.

import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import type { CatalogProduct } from "@/lib/agent/types";
import { expansionsOf } from "./expansions";
import type { IndexStore, Postings } from "./index-store";
import { accumulate, emptyScoring, reserve, type Scoring } from "./scoring";

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

/**
 * Colour words describe a product, they don't name one: "guantes negros" must not rank the yellow-and-black
 * floor tape above gloves, nor "extintor rojo" the red padlock above extinguishers.
 */
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
const SKU_PATTERN = /\b([a-z]{2,4})[\s_-]*(\d{3,4})\b/g;
/** Scorings kept: a turn searches one or two distinct phrases, each up to four times. */
const KEPT_SCORINGS = 4;

// Per-product bits while scoring: reached by a term that is not a spelling guess; by a term that names something
// (not only a colour); by a word, not only by a number.
const SOLID = 1;
const NAMED = 2;
const WORDED = 4;
// Per-product bits of a scoring, for selection.
const GUESS = 1;
const NUMBERS_ONLY = 2;

export function createSearch(store: IndexStore) {
  const { ordered: products, skuMap, postings: index, categoryDocs, slots } = store;
  // Accumulators by slot, zero between searches (each search clears what it touched). Grown with the slots.
  let sums = new Float64Array(0); // [2·slot] score, [2·slot + 1] matched idf
  let best = new Float64Array(0);
  let bits = new Uint8Array(0);
  let touched = new Int32Array(0);
  let seen = new Int32Array(0);
  const grow = () => {
    if (bits.length >= slots.length) return;
    const size = slots.length * 2;
    sums = new Float64Array(2 * size);
    best = new Float64Array(size);
    bits = new Uint8Array(size);
    touched = new Int32Array(size);
    seen = new Int32Array(size);
  };
  const kept: Scoring[] = [];
  const idf = (term: string) => Math.log(1 + products.length / (index.get(term)?.n ?? products.length));

  /** Scores every product the query reaches into `into`. */
  function score(query: string, into: Scoring): void {
    grow();
    // locals, not the closure's variables: the loops below run tens of thousands of times per query
    const [sum, bit, reach, first, choice] = [sums, bits, touched, seen, best];
    let count = 0;
    let anyNamed = false;
    const queryTerms = [...new Set(analyze(query))].slice(0, 24);
    const expanded = queryTerms.map((t) => ({ term: t, expansions: expansionsOf(store, t) }));
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
      const naming = !ATTRIBUTE_TERMS.has(queryTerm) && !isSmallNumber;
      const mark =
        (expansions.every((e) => e.typo) ? 0 : SOLID) | (naming ? NAMED : 0) | (/^[a-z]/.test(queryTerm) ? WORDED : 0);
      if (expansions.length === 1) {
        const { term, factor } = expansions[0] as { term: string; factor: number };
        const { docs, weights, n } = index.get(term) as Postings;
        const weight = idf(term) * factor * (isSmallNumber ? 0.3 : specBoost);
        for (let i = 0; i < n; i++) {
          const doc = docs[i] as number;
          count = accumulate(sum, reach, count, doc, weight * (weights[i] as number));
          sum[2 * doc + 1] = (sum[2 * doc + 1] as number) + termIdf;
          bit[doc] = (bit[doc] as number) | mark;
        }
        anyNamed ||= naming && n > 0;
        continue;
      }
      // Alternatives of one query term count once per product (their best).
      let reached = 0;
      for (const { term, factor } of expansions) {
        const { docs, weights, n } = index.get(term) as Postings;
        const weight = idf(term) * factor;
        for (let i = 0; i < n; i++) {
          const doc = docs[i] as number;
          const value = weight * (weights[i] as number);
          const previous = choice[doc] as number;
          if (previous === 0) first[reached++] = doc;
          if (value > previous) choice[doc] = value;
        }
      }
      for (let i = 0; i < reached; i++) {
        const doc = first[i] as number;
        count = accumulate(sum, reach, count, doc, choice[doc] as number);
        sum[2 * doc + 1] = (sum[2 * doc + 1] as number) + termIdf;
        bit[doc] = (bit[doc] as number) | mark;
        choice[doc] = 0;
      }
      anyNamed ||= naming && reached > 0;
    }

    const canonical = resolved.map((q) => (q.expansions[0] as { term: string }).term);
    for (let i = 0; i + 1 < canonical.length; i++) {
      const bigram = `${canonical[i]}_${canonical[i + 1]}`;
      const postings = index.get(bigram);
      if (!postings) continue;
      // "4 argollas", "talla 9": a number glued to its noun is an attribute, as telling as a word.
      const factor = /\d/.test(bigram) ? 0.5 * idf(bigram) : 0.5;
      for (let j = 0; j < postings.n; j++)
        count = accumulate(sum, reach, count, postings.docs[j] as number, factor * (postings.weights[j] as number));
    }

    // "qué manejan en señalización": a query naming a whole category lifts every member.
    const termSet = new Set(canonical);
    for (const category of store.derive().categoryTerms) {
      const distinctive = category.terms.filter((t) => t !== "proteg");
      if (distinctive.length === 0 || !distinctive.every((t) => termSet.has(t))) continue;
      for (const doc of categoryDocs.get(category.name) ?? [])
        count = accumulate(sum, reach, count, doc, 2 * distinctive.reduce((s, t) => s + idf(t), 0));
    }

    reserve(into, count);
    const { docs, scores, coverage: covered, marks } = into;
    for (let i = 0; i < count; i++) {
      const doc = reach[i] as number;
      const flags = bit[doc] as number;
      const coverage = idfTotal > 0 ? Math.min(1, (sum[2 * doc + 1] as number) / idfTotal) : 0;
      const attributeOnly = anyNamed && (flags & NAMED) === 0;
      docs[i] = doc;
      scores[i] = (sum[2 * doc] as number) * coverage * coverage * (attributeOnly ? ATTRIBUTE_ONLY_FACTOR : 1);
      covered[i] = coverage;
      marks[i] = (strayWords && (flags & SOLID) === 0 ? GUESS : 0) | ((flags & WORDED) === 0 ? NUMBERS_ONLY : 0);
      sum[2 * doc] = 0;
      sum[2 * doc + 1] = 0;
      bit[doc] = 0;
    }
    into.n = count;
    into.query = query;
    into.version = store.version;
  }

  /** The query's scoring: a kept one while the index has not changed, else a new one in the oldest's place. */
  function scoringOf(query: string): Scoring {
    const at = kept.findIndex((s) => s.query === query && s.version === store.version);
    if (at >= 0) {
      const [hit] = kept.splice(at, 1) as [Scoring];
      kept.unshift(hit);
      return hit;
    }
    const scoring = kept.length < KEPT_SCORINGS ? emptyScoring() : (kept.pop() as Scoring);
    score(query, scoring);
    kept.unshift(scoring);
    return scoring;
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 5;
    const allowed = options.skus ? new Set([...options.skus].map((s) => s.toUpperCase())) : null;
    const exactSkus = new Set<string>();
    for (const m of foldText(query).matchAll(SKU_PATTERN)) {
      const sku = `${m[1]}-${m[2]}`.toUpperCase();
      if (skuMap.has(sku) && (!allowed || allowed.has(sku))) exactSkus.add(sku);
    }
    // The allowed products' slots: checking a slot number spares reading every reached product's SKU (a
    // search within the cart's three lines scans a scoring of tens of thousands). An SKU held names exactly one
    // product in the index.
    let allowedSlots: Set<number> | null = null;
    if (allowed) {
      allowedSlots = new Set();
      for (const sku of allowed) {
        const product = store.held.get(sku);
        const slot = product && store.slotHeld(product);
        if (slot !== undefined) allowedSlots.add(slot);
      }
    }
    const scoring = scoringOf(query);
    // Top-k by insertion, ties kept in first-touch order: k is tiny, the scoring may hold tens of thousands.
    const keep = limit + exactSkus.size;
    const hits: SearchHit[] = [];
    for (let i = 0; i < scoring.n; i++) {
      const score = scoring.scores[i] as number;
      if (hits.length >= keep && score <= (hits[hits.length - 1] as SearchHit).score) continue;
      const doc = scoring.docs[i] as number;
      if (allowedSlots && !allowedSlots.has(doc)) continue;
      const product = slots[doc] as CatalogProduct;
      if (options.category && product.category !== options.category) continue;
      let at = hits.length;
      while (at > 0 && (hits[at - 1] as SearchHit).score < score) at--;
      const hit: SearchHit = { product, score, coverage: scoring.coverage[i] as number };
      const marks = scoring.marks[i] as number;
      if (marks & GUESS) hit.guess = true;
      if (marks & NUMBERS_ONLY) hit.numbersOnly = true;
      hits.splice(at, 0, hit);
      if (hits.length > keep) hits.pop();
    }
    for (const sku of exactSkus) {
      const product = skuMap.get(sku) as CatalogProduct;
      const existing = hits.find((h) => h.product.sku === sku);
      if (existing) existing.score += 1000;
      else hits.push({ product, score: 1000, coverage: 1 });
    }
    hits.sort((a, b) => b.score - a.score || a.product.sku.localeCompare(b.product.sku));
    return hits.slice(0, limit);
  }

  return search;
}
