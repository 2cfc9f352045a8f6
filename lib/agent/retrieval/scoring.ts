// What a query's scoring leaves for selection, kept between searches of the same phrase, and the one step of
// the scoring loops that touches a product (kept small so it inlines into them).

/** A query's scoring: the products it reached in first-touch order, with their final score and coverage. */
export type Scoring = {
  query: string;
  version: number;
  n: number;
  docs: Int32Array;
  scores: Float64Array;
  coverage: Float64Array;
  marks: Uint8Array;
  /**
   * Products reached only by the query's very common terms were left out (see `search.ts`); none of them can
   * score above `bound`, so a selection whose last hit scores above it is the full scoring's.
   */
  pruned: boolean;
  bound: number;
};

export const emptyScoring = (): Scoring => ({
  query: "",
  version: -1,
  n: 0,
  docs: new Int32Array(0),
  scores: new Float64Array(0),
  coverage: new Float64Array(0),
  marks: new Uint8Array(0),
  pruned: false,
  bound: 0,
});

export function reserve(scoring: Scoring, size: number): void {
  if (scoring.docs.length >= size) return;
  const capacity = Math.max(size, Math.ceil(scoring.docs.length * 1.5));
  scoring.docs = new Int32Array(capacity);
  scoring.scores = new Float64Array(capacity);
  scoring.coverage = new Float64Array(capacity);
  scoring.marks = new Uint8Array(capacity);
}

/** Adds `value` to the product's score, listing it as touched on its first value; returns the touched count. */
export function accumulate(sums: Float64Array, touched: Int32Array, count: number, doc: number, value: number): number {
  const current = sums[2 * doc] as number;
  sums[2 * doc] = current + value;
  if (current !== 0) return count;
  touched[count] = doc;
  return count + 1;
}

/** The highest weight in a postings list (what one product can get from the term at most). */
export function maxWeight(weights: Float32Array, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) if ((weights[i] as number) > max) max = weights[i] as number;
  return max;
}
