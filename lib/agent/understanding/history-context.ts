// What the conversation so far says about a message: the products the last answers showed, the question a
// follow-up continues ("¿y en amarillo?"), the product a question pinpointed, the kind of product it is about.

import { readAttributes } from "../analysis/attributes";
import { expandChatAbbreviations } from "../analysis/chat-text";
import { analyze, foldText } from "../analysis/normalize";
import { satisfies } from "../retrieval/attribute-match";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { resolvePhrase } from "../retrieval/resolve";
import type { CatalogProduct, HistoryTurn } from "../types";
import { type CartExtraction, extractCart } from "./cart-mentions";
import { effectiveQuantity } from "./clause-phrase";

const SKU_IN_TEXT = /\b[A-Z]{3}-\d{3}\b/g;

export function previousUserTurn(history: readonly HistoryTurn[]): HistoryTurn | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]?.role === "user") return history[i];
  return undefined;
}

/** Products the latest answers showed (an answer without products in between does not erase them). */
export function lastShownProducts(history: readonly HistoryTurn[], catalog: CatalogIndex): CatalogProduct[] {
  let answers = 0;
  for (let i = history.length - 1; i >= 0 && answers < 2; i--) {
    const turn = history[i] as HistoryTurn;
    if (turn.role !== "assistant") continue;
    answers++;
    const skus = [...new Set(turn.shownSkus ?? turn.text.match(SKU_IN_TEXT) ?? [])];
    const shown = skus.map((s) => catalog.bySku(s)).filter((p): p is CatalogProduct => !!p);
    if (shown.length > 0) return shown;
  }
  return [];
}

/** "¿y en amarillo?" after "cascos": search with the previous question's words too. */
export function inventoryQuery(text: string, history: readonly HistoryTurn[], catalog: CatalogIndex): string {
  const previous = previousUserTurn(history);
  if (!previous || (previous.intent !== "inventario" && previous.intent !== "venta")) return text;
  const folded = foldText(text);
  // "¿y en amarillo?", "pa la pulidora, de 7 pulgadas": a continuation of the question before.
  const followUp =
    /^(y|y en|y de|y el|y la|en|de|el|la|los|las|pero|pa|para|pal)\b/.test(folded) || analyze(text).length <= 1;
  if (!followUp) return text;
  // "¿y cuántas tiene disponibles?" names no product: it asks about the one just shown, not the earlier question.
  const shownProducts = lastShownProducts(history, catalog);
  const namesNothing = !catalog.search(text, { limit: 3 }).some((h) => h.coverage >= 0.5 && !h.guess);
  if (namesNothing && shownProducts.length === 1) return (shownProducts[0] as CatalogProduct).name;
  const alone = resolvePhrase(text, catalog);
  // Words that name a kind of their own start a new question, unless they describe one of the products just shown.
  const shown = shownProducts.map((p) => p.sku);
  const describesShown =
    shown.length > 1 && catalog.search(text, { limit: 1, skus: shown }).some((h) => h.coverage >= 0.5);
  if (alone.kind && !describesShown) return text;
  return `${expandChatAbbreviations(previous.text)} ${text}`;
}

/** The one shown product the previous question pinpointed ("¿y amarillos?" → the yellow helmet), if any. */
export function pinpointedProduct(
  history: readonly HistoryTurn[],
  shown: readonly CatalogProduct[],
  catalog: CatalogIndex,
) {
  if (shown.length === 0) return null;
  // The question the list answered: the user turn before the answer that showed it ("uff, lo voy a pensar" may
  // have come in between).
  const skus = new Set(shown.map((p) => p.sku));
  let answer = history.length;
  for (let i = history.length - 1; i >= 0 && answer === history.length; i--) {
    const turn = history[i] as HistoryTurn;
    const listed = turn.shownSkus ?? turn.text.match(SKU_IN_TEXT) ?? [];
    if (turn.role === "assistant" && listed.some((s) => skus.has(s))) answer = i;
  }
  let at = -1;
  for (let i = answer - 1; i >= 0 && at < 0; i--) if (history[i]?.role === "user") at = i;
  const previous = history[at];
  if (!previous || (previous.intent !== "inventario" && previous.intent !== "venta")) return null;
  const query = inventoryQuery(expandChatAbbreviations(previous.text), history.slice(0, at), catalog);
  const { resolved } = resolvePhrase(query, catalog);
  return resolved && shown.some((p) => p.sku === resolved.sku) ? resolved : null;
}

/** The kind of product the conversation is about: the previous question's, else the one the last answer showed. */
function topicKind(history: readonly HistoryTurn[], catalog: CatalogIndex): string | null {
  const previous = previousUserTurn(history);
  const asked = previous ? resolvePhrase(expandChatAbbreviations(previous.text), catalog).kind : null;
  if (asked) return asked;
  // A kind every shown product answers to, by name or synonym ("Lavaojos…" and "Ducha lavaojos…").
  const shown = lastShownProducts(history, catalog).map((p) => catalog.profile(p).kinds);
  return shown[0]?.find((kind) => shown.every((kinds) => kinds.includes(kind))) ?? null;
}

/** The attributes a customer's turn asked for ("¿guantes talla 9?" → size 9). */
const askedAttributes = (turn: HistoryTurn | undefined) =>
  turn ? readAttributes(expandChatAbbreviations(turn.text)).attributes : [];

/** The unit a bare figure is in: the one the previous question used, else the one the products shown share. */
function figureUnit(history: readonly HistoryTurn[], catalog: CatalogIndex): string | null {
  const said = askedAttributes(previousUserTurn(history)).find((a) => a.kind === "measure");
  if (said?.kind === "measure") return said.unit;
  const shown = lastShownProducts(history, catalog);
  const units = new Set(
    shown.flatMap((p) => catalog.profile(p).attributes.flatMap((a) => (a.kind === "measure" ? [a.unit] : []))),
  );
  return units.size === 1 ? ([...units][0] as string) : null;
}

/** "deme 6 amarillos" after talking about helmets: a phrase that names no kind is read within the topic's kind. */
export function narrowToTopic(cart: CartExtraction, history: readonly HistoryTurn[], catalog: CatalogIndex): void {
  const open = cart.mentions.filter((m) => m.kind === null && !m.resolved);
  if (open.length === 0) return;
  const kind = topicKind(history, catalog);
  if (!kind) return;
  const members = catalog.ofKind(kind);
  const unit = figureUnit(history, catalog);
  for (const mention of open) {
    // "deme 2 del de 10" after extinguishers in pounds were shown: the bare figure is in their unit.
    const figure = unit ? /\bde (\d+(?:[.,]\d+)?)$/.exec(foldText(mention.phrase)) : null;
    const phrase = figure ? `${mention.phrase} ${unit}` : mention.phrase;
    const within = resolvePhrase(phrase, catalog, { within: members });
    // Only when the words pick something inside the topic; words that fit none of it name something else.
    const narrowed = within.resolved !== null || (within.ambiguous && within.fitting.length < members.length);
    if (narrowed) Object.assign(mention, within, { kind });
  }
}

/**
 * "las de lona" after "¿guantes talla 8?": the figures the previous question asked for still hold
 * for a pick among what its answer showed, unless the pick says its own figure of that attribute.
 */
export function carryAskedAttributes(
  cart: CartExtraction,
  history: readonly HistoryTurn[],
  shown: readonly CatalogProduct[],
  catalog: CatalogIndex,
): void {
  const previous = previousUserTurn(history);
  if (previous?.intent !== "inventario" || shown.length === 0) return;
  const asked = askedAttributes(previous);
  if (asked.length === 0) return;
  const shownSkus = new Set(shown.map((p) => p.sku));
  for (const mention of cart.mentions) {
    if (!mention.ambiguous || !mention.options.some((p) => shownSkus.has(p.sku))) continue;
    const own = new Set(readAttributes(mention.phrase).attributes.map((a) => a.kind));
    // A figure nobody had ("de 5 libras" when the nearest were offered) no longer holds.
    const still = asked.filter((a) => !own.has(a.kind) && mention.options.some((p) => satisfies(p, a, catalog)));
    const fitting = mention.options.filter((p) => still.length > 0 && still.every((a) => satisfies(p, a, catalog)));
    if (fitting.length === 1)
      Object.assign(mention, { resolved: fitting[0], ambiguous: false, options: fitting, fitting });
  }
}

/** The count the previous question named for the products its answer showed ("¿cuánto valen 5 detectores?"), if one. */
export function offeredQuantity(
  history: readonly HistoryTurn[],
  shown: readonly CatalogProduct[],
  catalog: CatalogIndex,
): number | null {
  const previous = previousUserTurn(history);
  if (!previous || shown.length === 0) return null;
  const skus = new Set(shown.map((p) => p.sku));
  const counts = extractCart(expandChatAbbreviations(previous.text), catalog).mentions.flatMap((m) => {
    if (m.quantity === null) return [];
    if (m.resolved) return skus.has(m.resolved.sku) ? [effectiveQuantity(m.quantity, m.quantityUnit, m.resolved)] : [];
    return m.options.some((p) => skus.has(p.sku)) ? [m.quantity] : [];
  });
  return counts.length === 1 ? (counts[0] as number) : null;
}

const PURPOSE_ONLY = /^(?:para|pa|pal)\b/;

/**
 * "necesito 10 pa los laboratorios" right after products were shown: a count whose only words say what it is for
 * is a count of what was shown, not a product named by its use ("Bata laboratorio").
 */
export function purposeOnlyCount(cart: CartExtraction, shown: readonly CatalogProduct[]): void {
  const [only] = cart.mentions;
  if (shown.length === 0 || cart.mentions.length !== 1 || !only || only.quantity === null) return;
  if (!PURPOSE_ONLY.test(foldText(only.phrase))) return;
  cart.bareQuantity = only.quantity;
  cart.bareUnit = only.quantityUnit;
  cart.mentions = [];
}
