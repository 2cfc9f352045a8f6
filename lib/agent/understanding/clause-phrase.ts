// How one clause's words become a product phrase and a count: products joined by "y" split by kind, the noun an
// item leaves unsaid carried from the item before, services counted by the goods they are done on, and pairs.

import { attributeTokens, readAttributes } from "@/lib/agent/analysis/attributes";
import { type Clause, countsPairs, isConjunction, PACKAGING_TERMS, PURPOSE } from "@/lib/agent/analysis/clauses";
import { analyze } from "@/lib/agent/analysis/normalize";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { rowHas } from "@/lib/agent/retrieval/profiles";
import { resolvePhrase } from "@/lib/agent/retrieval/resolve";
import type { CatalogProduct } from "@/lib/agent/types";

// A number right after these belongs to the words before it ("de 4 argollas", "talla 42", "a 5"), not to a new item.
const FIGURE_BEFORE = new Set(["de", "del", "x", "por", "a", "para", "pa", "pal", "talla", "tallas", "numero", "no"]);

const DETERMINERS = new Set(["el", "la", "los", "las", "un", "una", "unos", "unas"]);
const WITH_DETERMINERS = new Set([...DETERMINERS, "su", "sus"]);
const namesKind = (token: string, catalog: CatalogIndex) =>
  analyze(token).some((t) => !PACKAGING_TERMS.has(t) && catalog.kindNamed(t) !== null);

/**
 * The kind a phrase names by a word that is not packaging ("5 pares de guantes" names gloves, "2 cajas" none),
 * nor the object of a purpose ("pa la bodega de las palas" names what the goods are for).
 */
function productKind(tokens: readonly string[], catalog: CatalogIndex): string | null {
  const at = tokens.findIndex((t) => namesKind(t, catalog));
  if (at < 0) return null;
  const before = tokens.slice(0, at);
  const purpose = before.findLastIndex((t) => PURPOSE.has(t));
  if (purpose >= 0 && !before.slice(purpose).some((t) => /^\d+$/.test(t))) return null;
  // An item is counted or has its article ("la careta"); a verb naming a service ("instalar") is no item.
  if (!before.some((t) => /^\d+$/.test(t) || DETERMINERS.has(t))) return null;
  return resolvePhrase(tokens.join(" "), catalog).kind;
}

/**
 * What a phrase names as an item: its kind, else, said with a determiner, the one product whose label carries
 * every word of it that is no attribute ("su estuche" in a catalogue with one). A colour names no item.
 */
function itemNamed(tokens: readonly string[], catalog: CatalogIndex): string | null {
  const phrase = tokens.join(" ");
  const resolution = resolvePhrase(phrase, catalog);
  // Only an item said with its determiner: "… en Y con …" (a shape, then a part) joins no two items.
  const opening = tokens[0] === "con" ? tokens[1] : tokens[0];
  if (resolution.kind || !resolution.resolved || !WITH_DETERMINERS.has(opening as string)) return resolution.kind;
  const attributeTokensOf = attributeTokens(phrase);
  const used = readAttributes(phrase, attributeTokensOf).used;
  const said = new Set(analyze([...used].map((k) => attributeTokensOf[k]).join(" ")));
  const words = analyze(phrase).filter((t) => !said.has(t));
  const profile = catalog.profile(resolution.resolved);
  const named = words.length > 0 && words.every((t) => profile.labelTerms.includes(t));
  return named ? `product:${resolution.resolved.sku}` : null;
}

/** "linterna con pilas", "careta con visor": a product of the first kind names the second in its own row. */
function isPartOf(tokens: readonly string[], whole: string, part: string, catalog: CatalogIndex): boolean {
  return resolvePhrase(tokens.join(" "), catalog)
    .hits.slice(0, 5)
    .some((h) => {
      const profile = catalog.profile(h.product);
      return profile.kinds.includes(whole) && rowHas(profile, part);
    });
}

/**
 * "careta facial y montura de careta": a "y" between two words that each name a kind joins two products; so does
 * a count opening another kind ("6 gafas claras 6 tapones", "la careta con 2 filtros").
 */
export function splitKinds(tokens: string[], catalog: CatalogIndex): string[][] {
  for (let i = 1; i < tokens.length - 1; i++) {
    // "…con su estuche": "con" and a determiner bring another item.
    const withItem = tokens[i] === "con" && WITH_DETERMINERS.has(tokens[i + 1] as string);
    const bareWith = tokens[i] === "con" && !withItem;
    if (!withItem && !bareWith && ((tokens[i] !== "y" && tokens[i] !== "e") || !isConjunction(tokens, i))) continue;
    const left = itemNamed(tokens.slice(0, i), catalog);
    const right = itemNamed(tokens.slice(i + 1), catalog);
    // "arneses con eslinga": without a determiner, another kind is another item unless the product has it as a part.
    if (bareWith && (!left || !right || right.startsWith("product:") || isPartOf(tokens, left, right, catalog)))
      continue;
    // The new item keeps its «con»: "con sus estuches" is one for each of the items before.
    if (left && right && left !== right)
      return [tokens.slice(0, i), ...splitKinds(tokens.slice(withItem || bareWith ? i : i + 1), catalog)];
  }
  for (let i = 2; i < tokens.length - 1; i++) {
    const before = tokens[i - 1] as string;
    if (!/^\d+$/.test(tokens[i] as string) || FIGURE_BEFORE.has(before) || /\d/.test(before)) continue;
    const end = before === "con" ? i - 1 : i;
    const left = productKind(tokens.slice(0, end), catalog);
    const right = left ? productKind(tokens.slice(i), catalog) : null;
    if (left && right && left !== right) return [tokens.slice(0, end), ...splitKinds(tokens.slice(i), catalog)];
  }
  return [tokens];
}

/**
 * "el mantenimiento de 4 equipos": a service is counted by the goods it is done on, so the number after its "de"
 * (an attribute of anything else: "arnés de 4 argollas") is how many services.
 */
export function servicedCount(clause: Clause, resolved: CatalogProduct | null): number | null {
  if (resolved?.unit !== "servicio") return null;
  const tokens = clause.tokens;
  const at = tokens.findIndex(
    (t, i) => /^\d+$/.test(t) && tokens[i - 1] === "de" && analyze(tokens[i + 1] ?? "").length > 0,
  );
  return at >= 0 ? Number(tokens[at]) : null;
}

/** The previous item's noun: the first word naming a kind, else the first word after its count, else its first word. */
function headOf(previous: Clause, catalog: CatalogIndex): string | undefined {
  const named = previous.phraseTokens.find((t) => analyze(t).some((term) => catalog.kindNamed(term, { typos: false })));
  return named ?? previous.afterCount?.[0] ?? previous.phraseTokens[0];
}

/**
 * "10 señales de salida y 10 de extintor": a count followed by "de …" leaves the noun of the item before unsaid.
 * When the words alone do not pick one product, the previous item's first word is tried before them.
 */
export function withCarriedHead(clause: Clause, clauses: readonly Clause[], catalog: CatalogIndex) {
  const whole = clause.phraseTokens.join(" ");
  const wholeResolution = resolvePhrase(whole, catalog);
  // A purpose before the count ("para la bodega de pinturas 3 escaleras …") is left out when the words after the
  // count name one product on their own and the whole phrase does not.
  const after = clause.afterCount?.join(" ");
  const afterResolution = after && !wholeResolution.resolved ? resolvePhrase(after, catalog) : null;
  const [phrase, resolution] = after && afterResolution?.resolved ? [after, afterResolution] : [whole, wholeResolution];
  const [first, second] = clause.tokens;
  const at = clauses.indexOf(clause);
  const head = at > 0 ? headOf(clauses[at - 1] as Clause, catalog) : undefined;
  if (resolution.resolved || !/^\d+$/.test(first ?? "") || second !== "de" || !head || analyze(head).length === 0)
    return { phrase, resolution };
  const carried = `${head} de ${phrase}`;
  const withHead = resolvePhrase(carried, catalog);
  return withHead.resolved ? { phrase: carried, resolution: withHead } : { phrase, resolution };
}

/**
 * Units of the product a spoken quantity means. Pairs count units of things that come in pairs ("5 pares de
 * guantes" is five, whatever the catalogue's unit column says) and multiply other things ("un par de cascos").
 */
export function effectiveQuantity(quantity: number, spokenUnit: string | null, product: CatalogProduct): number {
  if (spokenUnit !== "par" || product.unit === "par" || countsPairs(`${product.name} ${product.synonyms.join(" ")}`))
    return quantity;
  return quantity * 2;
}
