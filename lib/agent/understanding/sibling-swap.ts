// Swapping a cart line for a sibling: "cámbialo por el amarillo", "mejor el de 9 kilos", "cámbieme las botas
// por las dieléctricas". The target is the line the customer names (else the last one); the sibling is found
// among products of the same kind by the attributes and words of the new phrase; the quantity stays.

import type { SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import { analyze, foldText, replaceNumberWords, tokenize } from "../analysis/normalize";
import { lexicon } from "../lexicon";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { plainest, saysPlain } from "../retrieval/modifiers";
import { type Resolution, resolvePhrase } from "../retrieval/resolve";
import type { CatalogProduct } from "../types";
import type { CartExtraction } from "./cart-mentions";

// "cámbialo por…", "cámbieme las botas por…", "mejor el/la…", "deme mejor el…", "mejor mándeme el…", "que sean
// de …", "que sean antideslizantes", "en vez de eso, el…", "pero la de…", "no, necesito es los de…", "volvamos al de…", "no eran de…, eran las de…". A request verb with its clitic ("deme", "mándeme") may stand on either side of "mejor".
const SWAP =
  /\b(?:cambi\w*|reemplaz\w*)\s+(?:(?:el|la|los|las|lo|le)\s+)?(.*?)\s*\b(?:por|a)\s+((?:(?:el|la|los|las|un|una|uno|unos|unas)\s+)?(?:\d+\s+)?[a-z].*)$|^(?:no\s+)?(?:[a-z]+(?:me|nos)\s+)?(?:mejor|pero|entonces|q(?:ue)?\s+sean?)\s+(?:[a-z]+(?:me|nos)\s+)?((?:el|la|los|las|de|del)\b.*)$|\b(?:en vez de|en lugar de)\s+(?:es[oa]s?|el|la|los|las)?\s*(.*?),?\s+((?:el|la|los|las)\b.*)$|^(?:[a-z]+\s+)?(?:no\s+)?(?:el|la|los|las)\s+([a-z]+(?:\s+[a-z]+)?)\s+mejor\s+((?:de|del|el|la|los|las|en)\b.*|[a-z]+.*)$|^(?:[a-z]+\s+)?no\s+(?:(?:lo que\s+)?(?:necesit|quier|busc|ped)[a-z]*\s+)?(?:es|era|eran|son)\s+((?:el|la|los|las)\b.*)$|^no\s+((?:el|la|los|las)\s+(?:(?:de|del|que|q)\s|[a-z]+\s+(?:de|del)\s|[a-z]+$|[a-z]+\s+(?:pero|y)\s).*)$|\b(?:volv|regres)[a-z]*\s+(?:a|al)\s+((?:el|la|los|las|lo)\b.*|de\b.*)$|^(?:no\s+)?(?:(?:mejor|pero|entonces)\s+)?q(?:ue)?\s+sean?\s+([a-z]+.*)$|^no\s+(?:es|era|eran|son)\b.*\b(?:es|era|eran|son)\s+((?:el|la|los|las)\s+(?:de|del)\b.*)$/;
// "mejor amarillos", "no, mejor grandes", "eran rojos": after «mejor» or «eran» an attribute value alone names the
// sibling.
const { colours, sizes, sizeLabels } = lexicon.attributes;
const ATTRIBUTE_WORDS = [...Object.values(colours).flat(), ...sizes, ...sizeLabels].join("|");
const ATTRIBUTE_SWAP = new RegExp(
  `^(?:no\\s+)?(?:mejor|entonces|eran|era|son|es)\\s+((?:en\\s+)?(?:${ATTRIBUTE_WORDS})(?:e?s)?\\b.*)$`,
);
const MAX_WORDS = 7;
// What follows the new product is about quantity, not about which product: "…, pero que sean 7", "…, igual cantidad".
const QUANTITY_TAIL =
  /\s(?:pero|que sean|que sea|y que sean|con la misma|la misma|misma|mism[oa]s|l[oa]s mism[oa]s|igual|tambien|lo demas|el resto)\b.*$/;
// …nor does the old value refused after it: "eran naranja, no amarillos", "mejor los de 9, no los de 20".
const REFUSED_TAIL = /\s(?:y\s+)?no\s+.*$/;
// …and a reason after it names no product: "mejor las blancas, es pa una planta de alimentos".
const REASON_TAIL =
  /\s(?:porque|pq|ya que|es que|es q|(?:que |q )?(?:es|son|seria|serian|era|eran) (?:pa|para|pal|por)) .*$/;

// "cámbielo a 5 y agrégueme…": a clause opening with a request verb and its clitic is a new request, not the
// product the line becomes.
const REQUEST_CLAUSE = /\s(?:y|e)\s+(?:tambien\s+)?[a-z]+[aeu]me\b.*$/;

/** The message reads as swapping something ("cámbialo por…", "mejor el…"), whether or not a sibling fits. */
export function swapCue(text: string): boolean {
  return readSwap(text) !== null;
}

/** The line the customer names (may be empty) and the phrase naming the new product, or null. */
function readSwap(text: string): { named: string; phrase: string } | null {
  const folded = foldSwapText(text);
  const match = SWAP.exec(folded);
  if (match) {
    // "y las gafas cámbielas por…": the line may be named before the swap verb too.
    const named = match[1] || match[4] || match[6] || folded.slice(0, match.index).trim();
    const said =
      match[2] ?? match[3] ?? match[5] ?? match[7] ?? match[8] ?? match[9] ?? match[10] ?? match[11] ?? match[12] ?? "";
    const phrase = said.replace(REQUEST_CLAUSE, "");
    // Only a count is left ("a 5"): a new quantity for the line, which the count reading handles.
    if (!/[a-z]/.test(phrase)) return null;
    // "el extintor mejor cámbielo por el de 20": the phrase after «mejor» is itself a swap; the line was named
    // before it, the new product after its «por».
    const inner = phrase !== folded ? readSwap(phrase) : null;
    return inner ? { named: inner.named || named, phrase: inner.phrase } : { named, phrase };
  }
  const attribute = ATTRIBUTE_SWAP.exec(folded);
  return attribute ? { named: "", phrase: attribute[1] ?? "" } : null;
}

// Openers that are not the reply's content ("no espera, las gafas mejor oscuras"): the swap is read after them.
const OPENERS = new RegExp(
  `^(?:(?:${lexicon.quantityFrames.interjections.words.map((w) => w.replace(/ /g, "\\s+")).join("|")})\\s+)+`,
);

function foldSwapText(text: string): string {
  const folded = foldText(text)
    .replace(/[¿?¡!.,;]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const opened = folded.replace(OPENERS, "");
  // a "no" among the openers stays: "no, mejor el…", "uy no, necesito es el…" is how a swap is said; an apology
  // for a mistake says the same ("perdón, el de 20", "me equivoqué, la gris")
  const openers = folded.slice(0, folded.length - opened.length);
  return /\bno\b|\bperdon\w*|\bdisculp\w*|\bme equivoque\b|\bme confundi\b|\bmejor dicho\b/.test(openers)
    ? `no ${opened}`
    : opened;
}

/** The one count said in a phrase ("uno", "2 de esos"), or null; a figure after «de» ("de 1 argolla") is none. */
function countIn(phrase: string): number | null {
  const tokens = replaceNumberWords(tokenize(phrase), { typos: false });
  const counts = tokens.filter((t, i) => /^\d+$/.test(t) && tokens[i - 1] !== "de" && tokens[i - 1] !== "del");
  return counts.length === 1 ? Number(counts[0]) : null;
}

export type SwapResult = { events: SaleEvent[]; mentioned: CatalogProduct[] };

function lineNamed(phrase: string, sale: SaleSnapshot, catalog: CatalogIndex): string | null {
  if (!phrase.trim()) return null;
  const skus = sale.lines.map((l) => l.sku);
  const [hit] = catalog.search(phrase, { limit: 1, skus }).filter((h) => h.coverage >= 0.5);
  return hit?.product.sku ?? null;
}

/**
 * "cámbielos por amarillos" when several yellow ones exist: the swap changes what was said and keeps the rest,
 * so among equal candidates the one that shares most of the current product's label wins — if one clearly does.
 */
function closestSibling(resolution: Resolution, current: CatalogProduct, catalog: CatalogIndex): Resolution {
  if (!resolution.ambiguous || resolution.options.length < 2) return resolution;
  const own = new Set(catalog.profile(current).labelTerms);
  const shared = (p: CatalogProduct) => catalog.profile(p).labelTerms.filter((t) => own.has(t)).length;
  const ranked = resolution.options.map((p) => ({ p, n: shared(p) })).sort((a, b) => b.n - a.n);
  const [first, second] = ranked;
  if (!first || !second || first.n === second.n) return resolution;
  return { ...resolution, resolved: first.p, ambiguous: false, options: [first.p] };
}

/**
 * Products of the line's kind, itself left out. A kind too general to index ("Protector auditivo …") has no list
 * of its own: those sharing it are found among the products most like the line's name.
 */
function siblingsOf(current: CatalogProduct, kind: string, catalog: CatalogIndex): CatalogProduct[] {
  const listed = catalog.ofKind(kind);
  const same =
    listed.length > 0
      ? listed
      : catalog
          .search(current.name, { limit: 24 })
          .map((h) => h.product)
          .filter((p) => catalog.profile(p).kind === kind);
  return same.filter((p) => p.sku !== current.sku);
}

/** Events that swap a line for the sibling the message names, or null when the message is not a swap. */
export function siblingSwap(
  text: string,
  cart: CartExtraction,
  sale: SaleSnapshot | null,
  catalog: CatalogIndex,
): SwapResult | null {
  if (!sale || sale.lines.length === 0 || /\?/.test(text)) return null;
  const counted = cart.mentions.filter((m) => m.quantity !== null);
  if (counted.length > 1) return null;
  const swap = readSwap(text);
  if (!swap) return null;
  const { named } = swap;
  const phrase = swap.phrase.replace(REASON_TAIL, "").replace(QUANTITY_TAIL, "").replace(REFUSED_TAIL, "").trim();
  // The number said with the swap is the new line's ("cámbialos por los antifluido, que sean 5").
  const newQuantity = counted[0]?.quantity ?? cart.bareQuantity;
  if (!phrase || phrase.split(" ").length > MAX_WORDS) return null;
  const free = resolvePhrase(phrase, catalog);
  const lastSku = sale.lines[sale.lines.length - 1]?.sku as string;
  // The line the customer names, else the one line of the kind the new phrase names, else the last one.
  const ofNamedKind = free.kind
    ? sale.lines.filter((l) => {
        const p = catalog.bySku(l.sku);
        return p !== undefined && catalog.profile(p).kinds.includes(free.kind as string);
      })
    : [];
  const target = lineNamed(named, sale, catalog) ?? (ofNamedKind.length === 1 ? ofNamedKind[0]?.sku : null) ?? lastSku;
  const current = catalog.bySku(target);
  if (!current) return null;
  const kind = catalog.profile(current).kind;
  // The new phrase may name another kind ("cámbialo por un gabinete"); otherwise it picks among siblings.
  const otherKind = free.kind !== null && free.kind !== kind;
  const siblings = siblingsOf(current, kind, catalog);
  // "volvamos al de 10": a bare figure is in the unit the line's own figure has ("20 lb" → "10 lb").
  const figure = /^(?:(?:el|la|los|las)\s+)?de\s+(\d+(?:[.,]\d+)?)$/.exec(phrase);
  const unit = catalog.profile(current).attributes.find((a) => a.kind === "measure");
  const asked = figure && unit?.kind === "measure" ? `de ${figure[1]} ${unit.unit}` : phrase;
  // "no, los normales": the basic variant of the line's kind, when the line is not it already.
  const basic = !otherKind && saysPlain(analyze(phrase)) ? plainest([current, ...siblings], catalog) : null;
  const resolution =
    basic && basic.sku !== current.sku
      ? { ...free, resolved: basic, ambiguous: false, options: [basic] }
      : otherKind
        ? free
        : closestSibling(resolvePhrase(asked, catalog, { within: siblings }), current, catalog);
  const quantity = sale.lines.find((l) => l.sku === target)?.quantity ?? null;
  if (resolution.resolved && resolution.resolved.sku !== current.sku) {
    const by = resolution.resolved.sku;
    // "cambie uno por el de 20": a count before «por» is how many units move; the rest of the line stays.
    const moved = countIn(named);
    if (moved !== null && quantity !== null && moved < quantity)
      return {
        events: [
          { type: "set_quantity", sku: target, quantity: quantity - moved },
          { type: "add", sku: by, quantity: moved },
        ],
        mentioned: [resolution.resolved],
      };
    const events: SaleEvent[] = [{ type: "replace", sku: target, by }];
    if (newQuantity !== null && newQuantity !== quantity)
      events.push({ type: "set_quantity", sku: by, quantity: newQuantity });
    return { events, mentioned: [resolution.resolved] };
  }
  if (resolution.ambiguous && resolution.options.length > 0)
    return {
      events: [
        {
          type: "choose",
          options: resolution.options.map((p) => p.sku),
          quantity: newQuantity ?? quantity,
          replaces: target,
        },
      ],
      mentioned: resolution.options,
    };
  if (resolution.nearest.length > 0)
    return {
      events: [
        { type: "product_not_found", query: phrase },
        { type: "choose", options: resolution.nearest.map((p) => p.sku), quantity, replaces: target },
      ],
      mentioned: resolution.nearest,
    };
  return null;
}
