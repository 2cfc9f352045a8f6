// What a query term stands for in the index: itself, the products a body part or hazard calls for, a
// sound-alike spelling, or (last) a typo within the vocabulary. Bounded by the vocabulary, not by the catalogue:
// FuzzyVocabulary buckets terms by length, skips terms with digits (model numbers) and keeps each word's answer.

import { analyze, formBases } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { lexiconWords } from "@/lib/agent/lexicon";
import { conceptTerms } from "./concepts";
import type { IndexStore } from "./index-store";

// A word the lexicon reads itself is matched exactly or not at all, never as a spelling guess.
const LEXICON_TERMS = new Set(lexiconWords().flatMap((w) => analyze(w)));

/** Vocabulary terms a query term stands for, with a confidence factor (typos count less). */
export function expansionsOf(store: IndexStore, term: string): Array<{ term: string; factor: number; typo?: boolean }> {
  // "oídos" → tapones/orejeras: a body part or hazard also stands for the products that protect it.
  const known = store.postings.get(term);
  // A word that already finds a fair share of the catalog ("alturas") needs no concept help.
  if (known && known.n >= 0.04 * store.ordered.length) return [{ term, factor: 1 }];
  const concept = conceptTerms(term).filter((t) => t !== term && store.postings.has(t));
  if (known) return [{ term, factor: 1 }, ...concept.map((t) => ({ term: t, factor: 0.7 }))];
  if (concept.length > 0) return concept.map((t) => ({ term: t, factor: 0.85 }));
  if (/\d/.test(term) || LEXICON_TERMS.has(term)) return [];
  // "sellitos", "botiquincito", "que me recarguen": a diminutive or a verb form of a catalogue word is that word.
  const base = formBases(term).find((t) => store.postings.has(t));
  if (base) return [{ term: base, factor: 0.95 }];
  // "que no se empañe" → "antiempañante": what a product prevents, said as the thing it prevents.
  const anti = term.length >= 4 ? antiCompoundsOf(store, term) : [];
  if (anti.length > 0) return anti.map((t) => ({ term: t, factor: 0.85 }));
  // Sound-alike spelling ("kasco", "baketa") is near-certain; edit distance is the last resort.
  const sounds = store.soundsLike(phoneticKey(term));
  if (sounds) return sounds.slice(0, 3).map((t) => ({ term: t, factor: 0.9 }));
  return store.vocabulary
    .lookup(term, 2)
    .map((m) => ({ term: m.term, factor: m.distance === 1 ? 0.8 : 0.6, typo: true }));
}

/** The catalogue's anti- compounds whose root starts like the term ("empan" → "antiempanant"). */
export function antiCompoundsOf(store: IndexStore, term: string): string[] {
  const shared = (root: string) => {
    let n = 0;
    while (n < root.length && n < term.length && root[n] === term[n]) n++;
    return n;
  };
  const need = Math.min(5, term.length);
  return store
    .antiCompounds()
    .filter(([root]) => shared(root) >= need)
    .slice(0, 3)
    .map(([, t]) => t);
}
