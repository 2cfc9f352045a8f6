// Words a customer adds after a named kind ("faja de levantamiento de carga", "cinturón de electricista"). A
// catalogue of short names says what sets a product apart in its description; when only one candidate's row
// carries such a word, the word names that product. A use ("para la obra", "pa calor") is something several
// products may serve, so words of a purpose only rank; and words said before the kind are not its modifiers —
// unless the phrase opens with a noun that is no kind at all ("soportes pa careta"): then it names an accessory.

import { analyze } from "../analysis/normalize";
import { lexicon } from "../lexicon";
import type { CatalogProduct } from "../types";
import type { CatalogIndex, SearchHit } from "./catalog-index";
import { rowHas } from "./profiles";

const PURPOSE = new Set(["para", "pa", "pal", "por"]);

// Words that open a phrase without being what is wanted: how it is counted or measured, or an attribute's label.
const NOT_HEADS = new Set(
  [
    ...lexicon.units.packaging.flatMap((p) => p.words),
    ...lexicon.units.measures.flatMap((m) => m.words),
    ...lexicon.attributes.numberLabels,
    ...lexicon.attributes.sizeLabels,
  ].flatMap((w) => analyze(w)),
);

/** The phrase opens with a noun that is no kind (nor a count, a measure or a label): the "soporte" of "soportes pa careta". */
function headNamesNoKind(head: string | undefined, catalog: CatalogIndex): head is string {
  return head !== undefined && !/^\d/.test(head) && !NOT_HEADS.has(head) && catalog.kindNamed(head) === null;
}

/** Where the token naming the kind stands in the phrase, or -1. */
function kindAt(tokens: readonly string[], kind: string, catalog: CatalogIndex): number {
  return tokens.findIndex((t) => analyze(t).some((term) => catalog.kindNamed(term) === kind));
}

/** Terms said after the kind and before any purpose preposition: what the customer says the product is like. */
export function modifierTerms(tokens: readonly string[], kind: string | null, catalog: CatalogIndex): Set<string> {
  const head = kind ? kindAt(tokens, kind, catalog) : -1;
  if (kind && head < 0) return new Set();
  const purpose = tokens.findIndex((t, i) => i > head && PURPOSE.has(t));
  const end = purpose < 0 ? tokens.length : purpose;
  return new Set(analyze(tokens.slice(head + 1, end).join(" ")));
}

/**
 * The one product of the pool that the telling modifiers point to: each modifier some but not all candidates
 * carry must be carried by that same single product. Null when none tells them apart or they disagree.
 */
export function onlyDescribed(
  pool: readonly CatalogProduct[],
  modifiers: ReadonlySet<string>,
  catalog: CatalogIndex,
): CatalogProduct | null {
  if (pool.length < 2) return null;
  let only: CatalogProduct | null = null;
  for (const term of modifiers) {
    const having = pool.filter((p) => rowHas(catalog.profile(p), term));
    if (having.length === 0 || having.length === pool.length) continue;
    const [first] = having;
    if (having.length > 1 || !first || (only && only.sku !== first.sku)) return null;
    only = first;
  }
  return only;
}

/**
 * "soportes pa careta": a head noun that names no kind, said before the kind it is for, is an accessory of that
 * kind — a product of another kind whose row says both ("Montura careta: soporte para careta facial").
 */
export function accessoriesOf(
  terms: readonly string[],
  candidates: readonly CatalogProduct[],
  kind: string,
  catalog: CatalogIndex,
): CatalogProduct[] {
  const [head] = terms;
  if (!headNamesNoKind(head, catalog)) return [];
  return candidates.filter((p) => {
    const profile = catalog.profile(p);
    return profile.kind !== kind && rowHas(profile, head) && rowHas(profile, kind);
  });
}

// An infinitive, with or without a clitic: what a purpose clause does to its object.
const INFINITIVE = /^([a-zñ]{2,}(?:ar|er|ir))(?:l[aeo]s?|se|me|nos)?$/;

/** "para guardar": a purpose verb; a request verb ("pa pedir", "para cotizarles") frames the customer's act instead. */
function purposeVerb(word: string | undefined): boolean {
  const verb = word ? INFINITIVE.exec(word)?.[1] : undefined;
  return verb !== undefined && analyze(verb).length > 0;
}

/**
 * A kind said only as the object of a purpose ("para guardar el <kind>") is what the wanted thing is for, not the
 * wanted thing: the products of other kinds whose row names that kind. None when the kind is said before the
 * purpose ("un <kind> para perforar"), when no verb follows the preposition, or when no such product exists.
 */
export function servingPurposeOf(
  tokens: readonly string[],
  candidates: readonly CatalogProduct[],
  kind: string,
  catalog: CatalogIndex,
): CatalogProduct[] {
  const at = kindAt(tokens, kind, catalog);
  const purpose = tokens.findIndex((t, i) => PURPOSE.has(t) && purposeVerb(tokens[i + 1]));
  if (purpose < 0 || at <= purpose) return [];
  const namedBefore = tokens.slice(0, purpose).some((t) => analyze(t).some((term) => catalog.kindNamed(term) !== null));
  if (namedBefore) return [];
  return candidates.filter((p) => {
    const profile = catalog.profile(p);
    return profile.kind !== kind && rowHas(profile, kind);
  });
}

/**
 * "tapones de espuma pa los oídos": the phrase's head names no kind and the kind is said only after "de" — what
 * the product is made of. When the search has a product of another kind whose words cover the whole phrase, the
 * complement is not the kind.
 */
export function kindOnlyInComplement(
  terms: readonly string[],
  tokens: readonly string[],
  kind: string,
  top: SearchHit | undefined,
  catalog: CatalogIndex,
): boolean {
  if (!headNamesNoKind(terms[0], catalog)) return false;
  const at = kindAt(tokens, kind, catalog);
  if (at < 1 || tokens[at - 1] !== "de") return false;
  return top !== undefined && top.coverage >= 0.99 && !catalog.profile(top.product).kinds.includes(kind);
}

const PLAIN = new Set(lexicon.attributes.plainWords.flatMap((w) => analyze(w)));

/** The phrase asks for the basic variant ("los normales", "el sencillo"). */
export const saysPlain = (terms: readonly string[]) => terms.some((t) => PLAIN.has(t));

/**
 * The basic variant among products that fit: the one whose label says least (nothing added to what they share),
 * when exactly one does; null on a tie.
 */
export function plainest(products: readonly CatalogProduct[], catalog: CatalogIndex): CatalogProduct | null {
  const sized = products.map((p) => ({ p, n: catalog.profile(p).labelTerms.length })).sort((a, b) => a.n - b.n);
  const [first, second] = sized;
  return first && (!second || first.n < second.n) ? first.p : null;
}
