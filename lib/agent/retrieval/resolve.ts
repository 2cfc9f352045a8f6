// Which catalog product a customer's phrase means, or which comparable candidates to offer.

import type { CatalogIndex, SearchHit } from "./catalog-index";
import { analyze } from "@/lib/agent/analysis/normalize";
import { plainestVariant } from "./plain-variant";
import type { CatalogProduct } from "@/lib/agent/types";

export type PhraseResolution = { hits: SearchHit[]; resolved: CatalogProduct | null; ambiguous: boolean };

/** Picks the product a phrase means, or flags it as ambiguous between comparable candidates. */
export function resolvePhrase(phrase: string, catalog: CatalogIndex): PhraseResolution {
  if (analyze(phrase).length === 0) return { hits: [], resolved: null, ambiguous: false };
  const hits = catalog.search(phrase, { limit: 8 }).filter((h) => h.coverage >= 0.5 && !h.guess);
  const [top, second] = hits;
  if (!top) return { hits: [], resolved: null, ambiguous: false };
  const terms = new Set(analyze(phrase));
  const namesIt = (p: CatalogProduct) => terms.has(analyze(p.name)[0] ?? "");
  // "extintores ABC 10 lb" is an extintor, not the "Recarga de extintor ABC 10 lb" service.
  const headWins = !!second && namesIt(top.product) && !namesIt(second.product) && second.score < 0.95 * top.score;
  // "cascos blancos": CAB-001 says "blanco" on the label, CAB-003 only in its description.
  const labelTerms = (p: CatalogProduct) => new Set(analyze(`${p.name} ${p.synonyms.join(" ")} ${p.brand}`));
  const labelled = (p: CatalogProduct) => [...terms].every((t) => labelTerms(p).has(t));
  const labelWins = !!second && labelled(top.product) && !labelled(second.product) && second.score < 0.8 * top.score;
  // "extintor de 10 libras" is literally one product's own synonym: the customer's name for it.
  const close0 = hits.filter((h) => h.score >= 0.6 * top.score);
  const spelledOut = (p: CatalogProduct) =>
    p.synonyms.some((syn) => {
      const synTerms = analyze(syn);
      return synTerms.length >= 2 && synTerms.every((t) => terms.has(t));
    });
  const synonymOwners = close0.filter((h) => spelledOut(h.product));
  const synonymWins = !!second && synonymOwners.length === 1 && synonymOwners[0]?.product.sku === top.product.sku;
  const synonymPick = second && synonymOwners.length === 1 && !synonymWins ? synonymOwners[0] : undefined;
  if (synonymPick && synonymPick.score >= 0.8 * top.score)
    return {
      hits: [synonymPick, ...hits.filter((h) => h !== synonymPick)],
      resolved: synonymPick.product,
      ambiguous: false,
    };
  const clearlyAhead =
    headWins ||
    labelWins ||
    synonymWins ||
    !second ||
    second.score < 0.6 * top.score ||
    (top.coverage > second.coverage + 0.01 && second.score < 0.8 * top.score);
  const close = close0;
  // "2 cascos": offer helmets, not the ear muffs "para casco".
  const named = close.filter((h) => namesIt(h.product));
  const comparable = (named.length > 0 ? named : close).slice(0, 5);
  if (clearlyAhead) return { hits, resolved: top.product, ambiguous: false };
  const plain = plainestVariant(
    terms,
    comparable.map((h) => h.product),
  );
  if (plain)
    return {
      hits: [...comparable].sort((a, b) => Number(b.product === plain) - Number(a.product === plain)),
      resolved: plain,
      ambiguous: false,
    };
  return { hits: comparable, resolved: null, ambiguous: true };
}
