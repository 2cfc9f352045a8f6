// Typo tolerance over the index vocabulary (not over products), so cost grows with distinct terms only.

// Three DP rows reused by every call (grown to the longest word seen): a lookup compares a word with hundreds
// of candidates per turn, and three fresh arrays per comparison were most of its cost.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal-string-alignment distance (Levenshtein + adjacent swaps), giving up above `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if ((rows[0] as Int32Array).length < width) rows = rows.map(() => new Int32Array(width * 2));
  let [prevPrev, prev, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < width; j++) {
    prevPrev[j] = 0;
    prev[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (current[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[b.length] as number;
}

/** Allowed typos by term length: short words must match exactly or they collide with others. */
export function maxTyposFor(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 6) return 1;
  return 2;
}

export type VocabularyMatch = { term: string; distance: number };

const MAX_ANSWERS = 20_000;

/** Vocabulary bucketed by length so a lookup only visits plausible candidates. */
export class FuzzyVocabulary {
  private readonly byLength = new Map<number, string[]>();
  // Lookups are pure over the vocabulary (`add` and `remove` forget every answer), and customers repeat the same
  // words turn after turn: each word's answer is kept, up to a bound.
  private readonly answers = new Map<string, VocabularyMatch[]>();

  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      if (/\d/.test(term) || term.includes("_")) continue;
      const bucket = this.byLength.get(term.length);
      if (bucket) bucket.push(term);
      else this.byLength.set(term.length, [term]);
    }
  }

  /** A term the vocabulary did not hold (an index following its catalogue adds the words of new products). */
  add(term: string): void {
    if (/\d/.test(term) || term.includes("_")) return;
    const bucket = this.byLength.get(term.length);
    if (bucket) bucket.push(term);
    else this.byLength.set(term.length, [term]);
    this.answers.clear();
  }

  /** A term no product has any more. */
  remove(term: string): void {
    const bucket = this.byLength.get(term.length);
    const at = bucket?.indexOf(term) ?? -1;
    if (!bucket || at < 0) return;
    bucket.splice(at, 1);
    this.answers.clear();
  }

  /** Closest terms within the typo budget, best first, at most `limit`. */
  lookup(term: string, limit = 3): VocabularyMatch[] {
    const max = maxTyposFor(term);
    if (max === 0) return [];
    const key = `${limit}\u0000${term}`;
    const known = this.answers.get(key);
    if (known) return known.map((m) => ({ ...m }));
    const found = this.scan(term, max, limit);
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, found);
    return found.map((m) => ({ ...m }));
  }

  private scan(term: string, max: number, limit: number): VocabularyMatch[] {
    const found: VocabularyMatch[] = [];
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const distance = boundedEditDistance(term, candidate, max);
        if (distance <= max) found.push({ term: candidate, distance });
      }
    }
    found.sort((x, y) => x.distance - y.distance || x.term.localeCompare(y.term));
    return found.slice(0, limit);
  }
}
