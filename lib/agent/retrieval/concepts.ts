// Customers name the body part, hazard or task instead of the product; lexicon/concepts.json maps those words
// to the product words that answer them. Keys and values go through the same analyser as the index, and the
// index keeps only the values it really contains, so the table is safe for any catalogue.

import { stem } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { lexicon } from "@/lib/agent/lexicon";

let table: Map<string, string[]> | null = null;

function build(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const concept of lexicon.concepts) {
    const products = [...new Set(concept.products.map(stem))];
    for (const word of concept.words) {
      // Keyed by sound so a variant or a typo of the word reaches the same concept.
      const key = phoneticKey(stem(word));
      map.set(key, [...new Set([...(map.get(key) ?? []), ...products])]);
    }
  }
  return map;
}

/** Product terms (stemmed) a stemmed query term stands for; empty when it is not a concept. */
export function conceptTerms(term: string): readonly string[] {
  table ??= build();
  return table.get(phoneticKey(term)) ?? [];
}
