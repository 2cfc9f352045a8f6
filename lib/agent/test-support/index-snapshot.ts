// Everything a catalogue index answers, for a set of queries, as plain data: two indexes over the same catalogue
// must give equal snapshots however each was built.

import { analyze } from "../analysis/normalize";
import type { CatalogIndex, SearchHit } from "../retrieval/catalog-index";

const hit = (h: SearchHit) => [h.product.sku, h.score, h.coverage, h.guess ?? false, h.numbersOnly ?? false];
const skus = (list: readonly { sku: string }[]) => list.map((p) => p.sku);

/** A few misspellings of a word: a letter dropped, two swapped, a vowel changed. */
export function misspell(word: string): string[] {
  if (word.length < 5) return [];
  return [
    word.slice(0, 2) + word.slice(3),
    word.slice(0, 1) + word[2] + word[1] + word.slice(3),
    word.replace(/[aeiou](?=[^aeiou]*$)/, (v) => (v === "a" ? "e" : "a")),
  ];
}

const SOUND_SWAPS: Array<[RegExp, string]> = [
  [/v/, "b"],
  [/b/, "v"],
  [/c(?=[aou])/, "k"],
  [/qu/, "k"],
  [/s/, "z"],
  [/z/, "s"],
  [/ll/, "y"],
  [/y/, "ll"],
];

/** The word spelt as it sounds, with up to `swaps` letters swapped for sound-alikes (b/v, c/k, s/z, ll/y). */
export function soundAlike(word: string, swaps: number): string {
  let out = word;
  let done = 0;
  for (const [pattern, replacement] of SOUND_SWAPS) {
    if (done >= swaps) break;
    if (!pattern.test(out)) continue;
    out = out.replace(pattern, replacement);
    done++;
  }
  return out;
}

export function indexSnapshot(index: CatalogIndex, queries: readonly string[]) {
  const terms = [...new Set(queries.flatMap((q) => analyze(q)))];
  const categories = index.categories();
  const all = index.all();
  return {
    size: index.size(),
    all: skus(all),
    categories,
    families: index.families(),
    inCategory: categories.map((c) => skus(index.inCategory(c.name, 1_000))),
    kinds: terms.map((t) => [t, index.kindNamed(t), index.kindNamed(t, { typos: false })]),
    ofKind: terms.map((t) => skus(index.ofKind(t))),
    profiles: all.map((p) => index.profile(p).kinds),
    related: all.filter((_, i) => i % 5 === 0).map((p) => skus(index.related(p))),
    search: queries.map((q) => [q, ...index.search(q, { limit: 8 }).map(hit)]),
    bySku: all.map((p) => index.bySku(p.sku.toLowerCase())?.sku),
  };
}
