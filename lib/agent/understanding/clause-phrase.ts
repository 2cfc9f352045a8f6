// How one clause's words become a product phrase and a count: products joined by "y" split by kind, the noun an
// item leaves unsaid carried from the item before, services counted by the goods they are done on, and pairs.

import { type Clause, countsPairs, isConjunction } from "@/lib/agent/analysis/clauses";
import { analyze } from "@/lib/agent/analysis/normalize";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { resolvePhrase } from "@/lib/agent/retrieval/resolve";
import type { CatalogProduct } from "@/lib/agent/types";

/** "careta facial y montura de careta": a "y" between two words that each name a kind joins two products. */
export function splitKinds(tokens: string[], catalog: CatalogIndex): string[][] {
  for (let i = 1; i < tokens.length - 1; i++) {
    if ((tokens[i] !== "y" && tokens[i] !== "e") || !isConjunction(tokens, i)) continue;
    const left = resolvePhrase(tokens.slice(0, i).join(" "), catalog).kind;
    const right = resolvePhrase(tokens.slice(i + 1).join(" "), catalog).kind;
    if (left && right && left !== right) return [tokens.slice(0, i), ...splitKinds(tokens.slice(i + 1), catalog)];
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
