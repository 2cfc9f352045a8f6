// A reply that picks among options the customer saw: by place ("el segundo"), by price ("el más barato"), by
// what it names among them ("el blanco", "el de 9 kilos"), and the number said with the pick.

import { analyze, foldText } from "../analysis/normalize";
import { readPrices } from "../analysis/prices";
import { readSignals } from "../analysis/signals";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { plainest, saysPlain } from "../retrieval/modifiers";
import { rowHas } from "../retrieval/profiles";
import type { CatalogProduct } from "../types";
import type { CartExtraction } from "./cart-mentions";

const ORDINALS: Record<string, number> = {
  primer: 0,
  primero: 0,
  primera: 0,
  segundo: 1,
  segunda: 1,
  tercero: 2,
  tercera: 2,
  tercer: 2,
  cuarto: 3,
  cuarta: 3,
  quinto: 4,
  quinta: 4,
  sexto: 5,
  sexta: 5,
  ultimo: -1,
  ultima: -1,
};

/** Picks one of `options` from a reply like "el segundo", "el blanco", "el de 9 kilos" or a SKU. */
export function pickOption(text: string, options: string[], catalog: CatalogIndex): string | null {
  return pickByPosition(text, options, catalog) ?? resolvePick(text, productsOf(options, catalog), catalog);
}

/**
 * A reply to "which one?" that may say which it is not: "el normal, no el dieléctrico", "la normal no la
 * elástica". The refused option is set aside; the rest of the reply picks among the others (by place, words, or
 * "el normal" for the one whose label adds nothing), and refusing all but one picks that one.
 */
export function pickAmong(text: string, options: string[], catalog: CatalogIndex): string | null {
  const folded = foldText(text);
  const cut = /(?:^|[\s,;])no\s+(?=(?:el|la|los|las)\s)/.exec(folded);
  if (!cut) return pickOption(text, options, catalog) ?? plainPick(folded, options, catalog);
  const positive = folded.slice(0, cut.index);
  const refused = pickOption(folded.slice(cut.index + cut[0].length), options, catalog);
  const open = refused ? options.filter((o) => o !== refused) : options;
  const direct = analyze(positive).length > 0 ? pickOption(positive, open, catalog) : null;
  return direct ?? plainPick(positive, open, catalog) ?? (refused && open.length === 1 ? (open[0] as string) : null);
}

function plainPick(folded: string, options: readonly string[], catalog: CatalogIndex): string | null {
  if (options.length < 2 || !saysPlain(analyze(folded))) return null;
  return plainest(productsOf(options, catalog), catalog)?.sku ?? null;
}

const productsOf = (skus: readonly string[], catalog: CatalogIndex) =>
  skus.map((s) => catalog.bySku(s)).filter((p): p is CatalogProduct => !!p);

/** A pick by place or price in a list the customer saw: "el segundo", "la opción 2", "el más barato", "el de 52.000". */
export function pickByPosition(text: string, options: readonly string[], catalog: CatalogIndex): string | null {
  const folded = foldText(text);
  for (const [word, index] of Object.entries(ORDINALS)) {
    // "las segundas" for boots counted in pairs: the plural picks the same place.
    if (new RegExp(`\\b(el|la|los|las) ${word}s?\\b|^${word}s?\\b|\\bopcion ${word}\\b`).test(folded))
      return options[index < 0 ? options.length - 1 : index] ?? null;
  }
  // A bare digit is a quantity: the lists are not numbered, so only "la opción 2", "el #2", "la 2" pick by place.
  const numbered = /^(?:(?:la |el )?(?:opcion|numero|#) ?|(?:la|el) )(\d)\s*$/.exec(folded);
  if (numbered) return options[Number(numbered[1]) - 1] ?? null;
  // "el de 52.000": the one option shown at that price.
  const prices = readPrices(text, new Set(productsOf(options, catalog).map((p) => p.price))).prices;
  const atPrice = productsOf(options, catalog).filter((p) => prices.includes(p.price));
  if (atPrice.length === 1) return (atPrice[0] as CatalogProduct).sku;
  const signals = readSignals(text);
  if (signals.cheapest || signals.priciest) {
    const sorted = productsOf(options, catalog).sort((a, b) => a.price - b.price);
    return (signals.cheapest ? sorted[0] : sorted[sorted.length - 1])?.sku ?? null;
  }
  return null;
}

function resolvePick(text: string, within: CatalogProduct[], catalog: CatalogIndex): string | null {
  if (analyze(text).length === 0) return null;
  const hits = catalog.search(text, { limit: within.length, skus: within.map((p) => p.sku) });
  const fitting = hits.filter((h) => h.coverage >= 0.5);
  const [top, second] = fitting;
  if (top && (!second || second.score < 0.8 * top.score)) return top.product.sku;
  if (!top) return null;
  // "pa gases y vapores" between two cartridges that a hazard word reaches alike: the one whose own row says the
  // words is meant, when only one says the most of them.
  const terms = analyze(text);
  const said = fitting
    .filter((h) => h.score >= 0.8 * top.score)
    .map((h) => ({ sku: h.product.sku, n: terms.filter((t) => rowHas(catalog.profile(h.product), t)).length }))
    .sort((a, b) => b.n - a.n);
  const [most, next] = said;
  return most && most.n > 0 && (!next || next.n < most.n) ? most.sku : null;
}

/** The number said with a pick ("el más barato, 6 unidades"): bare, or lent to words that name no product. */
export function pickQuantity(cart: CartExtraction): number | null {
  return (
    cart.bareQuantity ?? cart.mentions.find((m) => m.quantity !== null && !m.resolved && !m.ambiguous)?.quantity ?? null
  );
}
