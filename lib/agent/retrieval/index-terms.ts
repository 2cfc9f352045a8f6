import { analyze } from "@/lib/agent/analysis/normalize";
import type { CatalogProduct } from "@/lib/agent/types";

// What the index stores for one product: its terms, each with a weight, in the order a build meets them.

// Why these weights: customers name products by the words on the label or their own synonyms;
// category/brand are broader, descriptions mention uses but also incidental words.
const FIELD_WEIGHTS = { synonyms: 3, name: 3, category: 2, brand: 1.5, standard: 1, description: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

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

/** Catalogues repeat categories, brands, synonyms and descriptions: each distinct text is analysed once. */
export type TermMemo = Map<string, string[]>;
const MEMO_LIMIT = 50_000;

/** Unigrams plus adjacent bigrams ("linea_vida") so phrases outrank scattered words. */
export function termsWithBigrams(text: string, memo?: TermMemo): string[] {
  const cached = memo?.get(text);
  if (cached) return cached;
  const terms: string[] = [];
  for (const part of text.split(/[;,.]/)) {
    const unigrams = analyze(part);
    terms.push(...unigrams);
    for (let i = 0; i + 1 < unigrams.length; i++) terms.push(`${unigrams[i]}_${unigrams[i + 1]}`);
  }
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, terms);
  }
  return terms;
}

/** The product's terms and weights, in the order a build adds them to the index. */
export function docTerms(product: CatalogProduct, memo?: TermMemo): Map<string, number> {
  const weights = new Map<string, number>();
  const texts = fieldTexts(product);
  let nameTerms: string[] = [];
  for (const field of FIELDS) {
    const terms = termsWithBigrams(texts[field], field === "name" ? undefined : memo);
    if (field === "name") nameTerms = terms;
    for (const term of new Set(terms)) {
      const weight = FIELD_WEIGHTS[field];
      const previous = weights.get(term) ?? 0;
      // A term in several fields counts a little more, never as much as two separate terms.
      weights.set(term, Math.max(previous, weight) + 0.15 * Math.min(previous, weight));
    }
  }
  // The head noun ("Casco de…" vs "Barbuquejo … para casco") says what the product IS. (The name's terms are
  // analysed once: names are unique, so they are not memoised; analysing them twice cost ~17 % of a build.)
  const head = nameTerms[0];
  if (head) weights.set(head, (weights.get(head) ?? 0) + 1);
  return weights;
}

/** The words the index searches; a change to any of them (or to `active`) changes the index. */
export function sameSearchText(a: CatalogProduct, b: CatalogProduct): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.category === b.category &&
    a.brand === b.brand &&
    a.standard === b.standard &&
    a.synonyms.join(";") === b.synonyms.join(";") &&
    a.active === b.active
  );
}

/** Inserts `item` into `list` kept in ascending `rank` order (appending when it comes last, the usual case). */
export function insertByRank<T>(list: T[], item: T, rank: (t: T) => number): void {
  const r = rank(item);
  if (list.length === 0 || rank(list[list.length - 1] as T) < r) {
    list.push(item);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rank(list[mid] as T) < r) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}
