// Which catalogue product a customer's phrase means — or which ones fit it equally, or that none does.
// Narrowing uses only what the rows say: the kind the phrase names (its head noun), then every attribute the
// customer gave (a capacity, a size, a colour, a code), then the other words. What survives is the answer: one
// product is resolved; several are options to ask about (never a guess); a named figure nobody has is reported
// as missing, with the nearest products of that kind.

import { attributeTokens, readAttributes } from "../analysis/attributes";
import { PACKAGING_TERMS } from "../analysis/clauses";
import { analyze } from "../analysis/normalize";
import { phoneticKey } from "../analysis/phonetic";
import type { Attribute, CatalogProduct } from "../types";
import { groupAttributes, nearestByMeasure, records, satisfies } from "./attribute-match";
import type { CatalogIndex, SearchHit } from "./catalog-index";
import { conceptTerms } from "./concepts";
import {
  accessoriesOf,
  kindOnlyInComplement,
  modifierTerms,
  onlyDescribed,
  plainest,
  saysPlain,
  servingPurposeOf,
} from "./modifiers";
import { labelHas, rowHas } from "./profiles";
import { refusedPositions } from "./refusals";

export type Resolution = {
  /** Candidates best first: those still fitting, then the rest of the search. */
  hits: SearchHit[];
  resolved: CatalogProduct | null;
  /** Several products fit equally: `options` are the first few of `fitting`. */
  ambiguous: boolean;
  options: CatalogProduct[];
  /** Every product that still fits after narrowing, best first. */
  fitting: CatalogProduct[];
  /** Attributes the customer asked for that no candidate has. */
  unmet: Attribute[];
  /** When a named figure does not exist: the closest products of the same kind. */
  nearest: CatalogProduct[];
  kind: string | null;
};

const EMPTY: Resolution = {
  hits: [],
  resolved: null,
  ambiguous: false,
  options: [],
  fitting: [],
  unmet: [],
  nearest: [],
  kind: null,
};
const MAX_OPTIONS = 6;
const LARGE_KIND = 300;
const SKU_MATCH = 1000;

/** The first term of the phrase that names a kind of product: Spanish noun phrases open with their head. */
// "cajas de guantes": a packaging word counts the product named after it; it is the kind only when alone.
function namedKind(terms: readonly string[], catalog: CatalogIndex): string | null {
  let packaging: string | null = null;
  for (const term of terms) {
    const kind = catalog.kindNamed(term);
    if (kind && PACKAGING_TERMS.has(term)) packaging ??= kind;
    else if (kind) return kind;
  }
  return packaging;
}

export type ResolveOptions = {
  /** Only these products may be the answer (a line's siblings when the customer swaps it). */
  within?: readonly CatalogProduct[];
};

export function resolvePhrase(phrase: string, catalog: CatalogIndex, options: ResolveOptions = {}): Resolution {
  const terms = analyze(phrase);
  if (terms.length === 0) return EMPTY;
  const search = catalog.search(phrase, { limit: 24 });
  const top = search[0];
  if (top && top.score >= SKU_MATCH)
    return { ...EMPTY, hits: search, resolved: top.product, options: [top.product], fitting: [top.product] };
  const tokens = attributeTokens(phrase);
  const spokenKind = namedKind(terms, catalog);
  // "caña alta" where only a synonym ("alta visibilidad") makes "alta" a kind: a product of another kind that
  // carries every word said is what was named, not that synonym's kind.
  const synonymOnly =
    spokenKind !== null && !catalog.ofKind(spokenKind).some((p) => catalog.profile(p).kind === spokenKind);
  const coveredElsewhere =
    synonymOnly &&
    top !== undefined &&
    top.coverage >= 0.99 &&
    !catalog.profile(top.product).kinds.includes(spokenKind);
  const kind =
    spokenKind && (coveredElsewhere || kindOnlyInComplement(terms, tokens, spokenKind, top, catalog))
      ? null
      : spokenKind;
  // A word that only some rows list as a synonym ("extinguidor" on one extinguisher) names what those rows are,
  // so their own kind is the pool: the customer's figures then choose among all of it. The word stays the kind
  // the phrase named.
  // (A kind that is some row's own stops at its first such member; only synonym-only kinds are walked whole.)
  const ownKind = kind !== null && catalog.ofKind(kind).some((p) => catalog.profile(p).kind === kind);
  const primary = kind && !ownKind ? new Set(catalog.ofKind(kind).map((p) => catalog.profile(p).kind)) : null;
  const alias = primary && primary.size === 1 ? ([...primary][0] as string) : null;
  const poolKind = alias && catalog.ofKind(alias).length > 0 ? alias : kind;
  const refusedAt = refusedPositions(tokens);
  const kept = tokens.filter((_, i) => !refusedAt.has(i));
  const reading = readAttributes(kept.join(" "), kept);
  const refused = readAttributes(
    [...refusedAt].map((i) => tokens[i]).join(" "),
    [...refusedAt].map((i) => tokens[i] as string),
  );
  const wanted = reading.attributes;
  const score = new Map(search.map((h) => [h.product.sku, h.score]));

  let pool: CatalogProduct[];
  if (options.within) {
    const within = options.within;
    if (within.length <= LARGE_KIND) pool = [...within];
    else {
      const allowed = new Set(within.map((p) => p.sku));
      pool = catalog
        .search(phrase, { limit: LARGE_KIND })
        .map((h) => h.product)
        .filter((p) => allowed.has(p.sku));
    }
  } else if (poolKind) {
    // Products named so come first; those that only a synonym calls so ("tapabocas n95" for a respirator)
    // join when the named ones lack what was asked.
    // A kind with thousands of products (a large catalogue) is narrowed among its best-scored members only.
    const all = catalog.ofKind(poolKind);
    const members =
      all.length <= LARGE_KIND
        ? all
        : catalog
            .search(phrase, { limit: LARGE_KIND })
            .map((h) => h.product)
            .filter((p) => catalog.profile(p).kinds.includes(poolKind));
    const named = members.filter((p) => catalog.profile(p).kind === poolKind);
    const fitsAll = (p: CatalogProduct) => reading.attributes.every((a) => satisfies(p, a, catalog));
    const found = search.map((h) => h.product);
    const accessories = accessoriesOf(terms, found, poolKind, catalog);
    const serving = accessories.length > 0 ? accessories : servingPurposeOf(tokens, found, poolKind, catalog);
    pool = serving.length > 0 ? serving : named.length > 0 && named.some(fitsAll) ? named : members;
  } else {
    // A product reached by a number alone ("mil gracias" → "1000 V") was not named.
    const solid = search.filter((h) => h.coverage >= 0.5 && !h.guess && !h.numbersOnly);
    const best = solid[0]?.score ?? 0;
    pool = solid.filter((h) => h.score >= 0.5 * best).map((h) => h.product);
  }
  if (pool.length === 0) return { ...EMPTY, hits: search };
  const members = pool;

  // Values of the same attribute are alternatives ("blancos y amarillos"); different attributes all apply.
  const unmet: Attribute[] = [];
  for (const group of groupAttributes(wanted)) {
    // Codes are not alternatives of one another: "n95 8511" names the product carrying both. Nor are colours a
    // product carries together ("verde con gris" for a two-tone product); with none carrying all, they are.
    const met = (p: CatalogProduct) => group.filter((a) => satisfies(p, a, catalog)).length;
    const together = group[0]?.kind === "code" || group[0]?.kind === "colour";
    const most = together ? Math.max(0, ...pool.map(met)) : 1;
    const fitting = pool.filter((p) => met(p) >= Math.max(1, most));
    if (fitting.length > 0) {
      pool = fitting;
      unmet.push(...group.filter((a) => !fitting.some((p) => satisfies(p, a, catalog))));
    } else unmet.push(...group);
  }
  // Other words narrow further when some candidate's label has them ("de vaqueta"); words only a description
  // has, or nobody has, only rank (a description mentions uses and incidental words).
  const attributeWords = new Set(analyze([...reading.used].map((i) => kept[i]).join(" ")));
  // "sin válvula", "no las de tela", "que no sea de 5 kg": the word after "sin", or after a (not opening) "no" and
  // its article or preposition, rules out the products that have it.
  const excluded = new Set(
    [...refusedAt]
      .filter((i) => !refused.used.has([...refusedAt].indexOf(i)))
      .flatMap((i) => analyze(tokens[i] as string))
      .filter((t) => t !== kind && t !== poolKind),
  );
  for (const a of refused.attributes) {
    const without = pool.filter((p) => !satisfies(p, a, catalog));
    if (without.length > 0) pool = without;
  }
  for (const term of excluded) {
    const sound = phoneticKey(term);
    const without = pool.filter((p) => !labelHas(catalog.profile(p), term, sound));
    // Every candidate has what the customer said it must not have: none is what was asked for.
    if (without.length === 0) return { ...EMPTY, hits: search, nearest: pool.slice(0, 3), kind };
    pool = without;
  }
  // "pal oído" with earplugs: a body part, hazard or task that the kind itself answers restates the kind; one row
  // listing it as a synonym does not make that row the only fit. A name that says it ("Detector humo") is a variant.
  const restatesKind = (t: string) => {
    if (!conceptTerms(t).some((c) => c === kind || c === poolKind)) return false;
    const sound = phoneticKey(t);
    return !pool.some((p) => analyze(p.name).some((n) => phoneticKey(n) === sound));
  };
  const words = terms.filter(
    (t) =>
      t !== kind &&
      t !== poolKind &&
      !excluded.has(t) &&
      !attributeWords.has(t) &&
      !PACKAGING_TERMS.has(t) &&
      !restatesKind(t) &&
      /^[a-z]/.test(t),
  );
  for (const term of words) {
    const sound = phoneticKey(term);
    let fitting = pool.filter((p) => labelHas(catalog.profile(p), term, sound));
    // "guantes de vakueta": a misspelt word that no label has narrows as the word it is a slip for.
    if (fitting.length === 0) {
      const spellings = catalog.spellings(term).map((s) => [s, phoneticKey(s)] as const);
      fitting = pool.filter((p) => spellings.some(([s, key]) => labelHas(catalog.profile(p), s, key)));
    }
    // "tapete pa electricista": a need the lexicon answers with a word some of the kind's labels carry.
    if (fitting.length === 0) {
      const answers = conceptTerms(term).map((c) => [c, phoneticKey(c)] as const);
      fitting = pool.filter((p) => answers.some(([c, key]) => labelHas(catalog.profile(p), c, key)));
    }
    if (fitting.length > 0 && fitting.length < pool.length) pool = fitting;
  }
  // A word only a description has ranks those products first. A use ("para bodegas") never decides: several
  // still fit, so the customer is asked; a modifier after the kind that one candidate alone carries names it.
  const described = new Set(pool.filter((p) => words.some((t) => rowHas(catalog.profile(p), t))).map((p) => p.sku));
  if (kind || options.within) {
    const modifiers = modifierTerms(tokens, kind, catalog);
    const single = onlyDescribed(pool, new Set(words.filter((t) => modifiers.has(t))), catalog);
    if (single) pool = [single];
  }

  // "los normales": among the fitting ones, the variant whose label adds nothing.
  const basic = pool.length > 1 && saysPlain(terms) ? plainest(pool, catalog) : null;
  if (basic) pool = [basic];

  const ranked = [...pool].sort(
    (a, b) =>
      Number(described.has(b.sku)) - Number(described.has(a.sku)) || (score.get(b.sku) ?? 0) - (score.get(a.sku) ?? 0),
  );
  const rankedSkus = new Set(ranked.map((p) => p.sku));
  const hitOf = new Map(search.map((h) => [h.product.sku, h]));
  const hits: SearchHit[] = [
    ...ranked.map((p) => hitOf.get(p.sku) ?? { product: p, score: 0, coverage: 0 }),
    ...search.filter((h) => !rankedSkus.has(h.product.sku)),
  ];
  // A figure no product of the kind records ("talla 42" where boots carry no sizes) cannot tell them apart: it
  // neither excludes them nor picks one, so resolution goes on and several candidates are still asked about.
  const missingFigure = unmet.find(
    (a) =>
      (a.kind === "measure" || a.kind === "label" || a.kind === "code") && members.some((p) => records(p, a, catalog)),
  );
  if (missingFigure && (kind || options.within)) {
    const nearest = nearestByMeasure(members, missingFigure, catalog);
    const closest = nearest.length > 0 ? nearest : ranked.slice(0, 3);
    return { ...EMPTY, hits, fitting: ranked, unmet, nearest: closest, kind };
  }
  const base = { ...EMPTY, hits, fitting: ranked, unmet, kind };
  // Inside a given set, a phrase that matches nothing of it (no word, no attribute) does not pick from it.
  const matched = wanted.length > unmet.length || ranked.some((p) => words.some((t) => rowHas(catalog.profile(p), t)));
  if (options.within && !kind && !matched) return { ...EMPTY, hits: search };
  if (ranked.length === 1) return { ...base, resolved: ranked[0] as CatalogProduct, options: ranked };
  if (!kind && !options.within) {
    // No kind named: a clear leader among the search results is what the words describe.
    const [first, second] = hits;
    if (first && second && second.score < 0.6 * first.score)
      return { ...base, resolved: first.product, options: [first.product] };
  }
  return { ...base, ambiguous: true, options: ranked.slice(0, MAX_OPTIONS) };
}
