// "10 orejeras de copa" between "Protector tipo copa" and "Protector tipo copa para casco": the
// customer did not ask for the casco version, so the plain one is meant. A candidate wins only when
// the label words it adds beyond the query are a strict subset of what EVERY other candidate adds;
// "2 cascos" (blanco / amarillo / MSA each add their own word) stays a question.

import { analyze } from "@/lib/agent/analysis/normalize";
import type { CatalogProduct } from "@/lib/agent/types";

/** Name terms minus measured specifications ("26 dB", "talla 40"): ratings are not a variant's kind. */
function labelTerms(product: CatalogProduct): Set<string> {
  const terms = analyze(product.name);
  const measured = new Set<string>();
  for (const term of terms) {
    const glued = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(term) ?? /^talla(\w+)$/.exec(term);
    if (glued) measured.add(term).add(glued[1] as string);
  }
  return new Set(terms.filter((t) => !measured.has(t)));
}

const isStrictSubset = (small: ReadonlySet<string>, big: ReadonlySet<string>) =>
  small.size < big.size && [...small].every((t) => big.has(t));

/** The one candidate whose extra label words (beyond the query) every other candidate also has, or null. */
export function plainestVariant(
  queryTerms: ReadonlySet<string>,
  candidates: readonly CatalogProduct[],
): CatalogProduct | null {
  if (candidates.length < 2) return null;
  const extras = candidates.map((p) => new Set([...labelTerms(p)].filter((t) => !queryTerms.has(t))));
  const winners = candidates.filter((_, i) =>
    extras.every((other, j) => i === j || isStrictSubset(extras[i] as Set<string>, other)),
  );
  return winners.length === 1 ? (winners[0] as CatalogProduct) : null;
}
