// Scoring a query over the inverted index, then picking the best few. At 100 000 products one common word
// reaches tens of thousands of products, so the cost is in the per-product accumulators: they are typed arrays
// reused by every search (score and matched weight side by side, the three booleans as bits of one byte), the
// touched products a reused list, and selection reads a product only once its score can enter the top k.
// Planning searches the same phrase several times per turn (with another limit, or within the cart's SKUs):
// the scoring of the last few queries is kept, keyed by the index version, and only selection runs again.
// A very common term ("protección" reaches 40 % of 100 000 products) costs the most and decides the least: when
// the query has a rarer term, the common one only adds to the products a rarer term reached. The products left
// out can score at most a bound computed from the terms' highest weights; a selection whose last hit scores above
// it is exactly the full scoring's, and any other selection scores the query again in full. Answers never change.

import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import type { CatalogProduct } from "@/lib/agent/types";
import { expansionsOf } from "./expansions";
import type { IndexStore, Postings } from "./index-store";
import { accumulate, emptyScoring, maxWeight, reserve, type Scoring } from "./scoring";

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
/** A term reaching this share of the catalogue, and at least COMMON_MIN products, is very common. */
const COMMON_SHARE = 0.05;
const COMMON_MIN = 2_000;
export type SearchTuning = {
  commonShare?: number;
  commonMin?: number;
  /** Counts scorings that left products out, and selections that had to score in full (for tests and benches). */
  stats?: { pruned: number; rescored: number };
};

// Per-product bits while scoring: reached by a term that is not a spelling guess; by a term that names something
// (not only a colour); by a word, not only by a number.
const SOLID = 1;
const NAMED = 2;
const WORDED = 4;
/** Reached by a term that is not very common (only while a query's common terms are pruned). */
const REACHABLE = 8;
// Per-product bits of a scoring, for selection.
const GUESS = 1;
const NUMBERS_ONLY = 2;

export function createSearch(store: IndexStore, tuning: SearchTuning = {}) {
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
  const maxWeights = new Map<string, number>();
  let maxWeightsVersion = -1;
  const highest = (term: string, postings: Postings) => {
    if (maxWeightsVersion !== store.version) {
      maxWeights.clear();
      maxWeightsVersion = store.version;
    }
    let max = maxWeights.get(term);
    if (max === undefined) {
      max = maxWeight(postings.weights, postings.n);
      maxWeights.set(term, max);
    }
    return max;
  };
  const isCommon = (n: number) =>
    n >= Math.max(tuning.commonMin ?? COMMON_MIN, (tuning.commonShare ?? COMMON_SHARE) * products.length);

  /** Scores the products the query reaches into `into`: every one, or (`prune`) all but those only common terms reach. */
  function score(query: string, into: Scoring, prune: boolean): void {
    grow();
    // locals, not the closure's variables: the loops below run tens of thousands of times per query
    const [sum, bit, reach, first, choice] = [sums, bits, touched, seen, best];
    let count = 0;
    let anyNamed = false;
    const queryTerms = [...new Set(analyze(query))].slice(0, 24);
    const expanded = queryTerms.map((t) => ({ term: t, expansions: expansionsOf(store, t) }));
    const resolved = expanded.filter((q) => q.expansions.length > 0);
    const strayWords = expanded.some((q) => q.expansions.length === 0 && !/\d/.test(q.term));
    const postingsOf = (term: string) => index.get(term) as Postings;
    // How many products each query term reaches (its alternatives together). Very common terms are pruned; when
    // every term is, the rarest that is not a bare small number (a quantity, the weakest) is the basis.
    const reachOf = resolved.map((q) => q.expansions.reduce((total, e) => total + postingsOf(e.term).n, 0));
    const common = resolved.map((_, j) => prune && isCommon(reachOf[j] as number));
    if (common.every(Boolean)) {
      let basis = -1;
      for (const [j, q] of resolved.entries())
        if (!/^\d{1,2}$/.test(q.term) && (reachOf[j] as number) > 0)
          if (basis < 0 || (reachOf[j] as number) < (reachOf[basis] as number)) basis = j;
      if (basis >= 0) common[basis] = false;
    }
    const rarer = resolved.filter((_, j) => !common[j] && (reachOf[j] as number) > 0);
    const pruned = rarer.length > 0 && common.some(Boolean);
    if (pruned)
      for (const q of rarer)
        for (const e of q.expansions) {
          const { docs, n } = postingsOf(e.term);
          for (let i = 0; i < n; i++) bit[docs[i] as number] = REACHABLE;
        }
    // what a product only common terms reach can get at most: their highest weights, and their idf as coverage
    let leftOutSum = 0;
    let leftOutIdf = 0;
    let leftOutNamed = false;
    let idfTotal = 0;
    for (const [j, { term: queryTerm, expansions }] of resolved.entries()) {
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
        const postings = index.get(term) as Postings;
        const { docs, weights, n } = postings;
        const weight = idf(term) * factor * (isSmallNumber ? 0.3 : specBoost);
        const pruning = pruned && common[j];
        if (pruning) {
          leftOutSum += weight * highest(term, postings);
          leftOutIdf += termIdf;
          leftOutNamed ||= naming;
        }
        for (let i = 0; i < n; i++) {
          const doc = docs[i] as number;
          if (pruning && ((bit[doc] as number) & REACHABLE) === 0) continue;
          count = accumulate(sum, reach, count, doc, weight * (weights[i] as number));
          sum[2 * doc + 1] = (sum[2 * doc + 1] as number) + termIdf;
          bit[doc] = (bit[doc] as number) | mark;
        }
        anyNamed ||= naming && n > 0;
        continue;
      }
      // Alternatives of one query term count once per product (their best).
      let reached = 0;
      const pruning = pruned && common[j];
      let best = 0;
      for (const { term, factor } of expansions) {
        const postings = index.get(term) as Postings;
        const { docs, weights, n } = postings;
        const weight = idf(term) * factor;
        if (pruning) best = Math.max(best, weight * highest(term, postings));
        for (let i = 0; i < n; i++) {
          const doc = docs[i] as number;
          if (pruning && ((bit[doc] as number) & REACHABLE) === 0) continue;
          const value = weight * (weights[i] as number);
          const previous = choice[doc] as number;
          if (previous === 0) first[reached++] = doc;
          if (value > previous) choice[doc] = value;
        }
      }
      if (pruning) {
        leftOutSum += best;
        leftOutIdf += termIdf;
        leftOutNamed ||= naming;
      }
      for (let i = 0; i < reached; i++) {
        const doc = first[i] as number;
        count = accumulate(sum, reach, count, doc, choice[doc] as number);
        sum[2 * doc + 1] = (sum[2 * doc + 1] as number) + termIdf;
        bit[doc] = (bit[doc] as number) | mark;
        choice[doc] = 0;
      }
      anyNamed ||= naming && (reachOf[j] as number) > 0;
    }

    const canonical = resolved.map((q) => (q.expansions[0] as { term: string }).term);
    for (let i = 0; i + 1 < canonical.length; i++) {
      const bigram = `${canonical[i]}_${canonical[i + 1]}`;
      const postings = index.get(bigram);
      if (!postings) continue;
      // "4 argollas", "talla 9": a number glued to its noun is an attribute, as telling as a word.
      const factor = /\d/.test(bigram) ? 0.5 * idf(bigram) : 0.5;
      if (pruned) leftOutSum += factor * highest(bigram, postings);
      for (let j = 0; j < postings.n; j++) {
        const doc = postings.docs[j] as number;
        if (pruned && ((bit[doc] as number) & REACHABLE) === 0) continue;
        count = accumulate(sum, reach, count, doc, factor * (postings.weights[j] as number));
      }
    }

    // "qué manejan en señalización": a query naming a whole category lifts every member.
    const termSet = new Set(canonical);
    for (const category of store.derive().categoryTerms) {
      const distinctive = category.terms.filter((t) => t !== "proteg");
      if (distinctive.length === 0 || !distinctive.every((t) => termSet.has(t))) continue;
      const lift = 2 * distinctive.reduce((s, t) => s + idf(t), 0);
      if (pruned) leftOutSum += lift;
      for (const doc of categoryDocs.get(category.name) ?? [])
        if (!pruned || ((bit[doc] as number) & REACHABLE) !== 0) count = accumulate(sum, reach, count, doc, lift);
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
    // a rarer term's product its weights left at zero was never touched: its mark goes too
    if (pruned)
      for (const q of rarer)
        for (const e of q.expansions) {
          const { docs, n } = postingsOf(e.term);
          for (let i = 0; i < n; i++) bit[docs[i] as number] = 0;
        }
    const leftOutCoverage = idfTotal > 0 ? Math.min(1, leftOutIdf / idfTotal) : 0;
    into.pruned = pruned;
    if (pruned && tuning.stats) tuning.stats.pruned++;
    // (a margin for rounding: the bound adds the same terms in another order)
    const leftOutFactor = anyNamed && !leftOutNamed ? ATTRIBUTE_ONLY_FACTOR : 1;
    into.bound = leftOutSum * leftOutCoverage * leftOutCoverage * leftOutFactor * (1 + 1e-9);
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
    score(query, scoring, true);
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
    const keep = limit + exactSkus.size;
    let hits = select(scoring, keep, allowedSlots, options.category);
    const last = hits[keep - 1];
    if (scoring.pruned && (hits.length < keep || (last !== undefined && last.score <= scoring.bound))) {
      // a product left out could belong here: the query is scored in full (the kept scoring becomes that one)
      score(query, scoring, false);
      if (tuning.stats) tuning.stats.rescored++;
      hits = select(scoring, keep, allowedSlots, options.category);
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

  /** Top-k by insertion, ties kept in first-touch order: k is tiny, the scoring may hold tens of thousands. */
  function select(scoring: Scoring, keep: number, allowedSlots: Set<number> | null, category?: string): SearchHit[] {
    const hits: SearchHit[] = [];
    for (let i = 0; i < scoring.n; i++) {
      const score = scoring.scores[i] as number;
      if (hits.length >= keep && score <= (hits[hits.length - 1] as SearchHit).score) continue;
      const doc = scoring.docs[i] as number;
      if (allowedSlots && !allowedSlots.has(doc)) continue;
      const product = slots[doc] as CatalogProduct;
      if (category && product.category !== category) continue;
      let at = hits.length;
      while (at > 0 && (hits[at - 1] as SearchHit).score < score) at--;
      const hit: SearchHit = { product, score, coverage: scoring.coverage[i] as number };
      const marks = scoring.marks[i] as number;
      if (marks & GUESS) hit.guess = true;
      if (marks & NUMBERS_ONLY) hit.numbersOnly = true;
      hits.splice(at, 0, hit);
      if (hits.length > keep) hits.pop();
    }
    return hits;
  }

  return search;
}
