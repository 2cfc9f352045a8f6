// A purchase message → sale events (cart operations, choices, customer data, confirmations), read against the
// sale as it stands: the question the agent is waiting on is answered first, corrections go to the line they
// name, a swap replaces a line by its sibling, and a confirmation carries the summary it answers.

import { isTerminal } from "@/lib/sales/machine";
import type { CartLine, SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import type { CustomerExtraction } from "../analysis/customer-data";
import { hasCustomerData } from "../analysis/customer-data";
import { analyze, foldText } from "../analysis/normalize";
import { packSize } from "../analysis/pack-size";
import { readSignals, type Signals } from "../analysis/signals";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { resolvePhrase } from "../retrieval/resolve";
import type { CatalogProduct } from "../types";
import { type CartExtraction, effectiveQuantity, type ProductMention } from "./cart-mentions";
import type { Understanding } from "./contract";
import { siblingSwap } from "./sibling-swap";

export type SaleEventsInput = {
  text: string;
  signals: Signals;
  customer: CustomerExtraction;
  cart: CartExtraction;
  sale: SaleSnapshot | null;
  catalog: CatalogIndex;
  /** Products shown in the previous answer, for "agrega 3 de esos". */
  lastShown: CatalogProduct[];
  /** The shown product the previous question pinpointed ("¿y amarillos?" then "mándeme 5"). */
  pinpointed: CatalogProduct | null;
  /** The old quantity a correction names ("que sean 15 y no 10"): it tells which line. */
  replacedQuantity: number | null;
};

export type SaleEventsResult = {
  events: SaleEvent[];
  mentioned: CatalogProduct[];
  answers: Understanding["answers"];
};

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
// "uno más", "otros 2", "agrégale 3": a bare number adds to the last line only when the message says so.
const ADDITIVE = /\b(mas|otr[oa]s?|adicional(es)?|agreg\w*|sum\w*|anad\w*|aument\w*|tambien)\b/;
// "o sea 6 chalecos y 6 cascos": the customer restates the order; a product already in the cart is set, not added.
// "more of" without a new kind: "también" may open another product, so it is not one of these.
const MORE_OF = /\b(mas|otr[oa]s?|adicional(es)?)\b/;
const RESTATES = /\b(o sea|osea|es decir|mejor dicho|en total|serian|quedarian)\b/;

/** Picks one of `options` from a reply like "el segundo", "el blanco", "el de 9 kilos" or a SKU. */
export function pickOption(text: string, options: string[], catalog: CatalogIndex): string | null {
  return pickByPosition(text, options, catalog) ?? resolvePick(text, productsOf(options, catalog), catalog);
}

const productsOf = (skus: readonly string[], catalog: CatalogIndex) =>
  skus.map((s) => catalog.bySku(s)).filter((p): p is CatalogProduct => !!p);

/** A pick by place or price in a list the customer saw: "el segundo", "la opción 2", "el más barato". */
export function pickByPosition(text: string, options: readonly string[], catalog: CatalogIndex): string | null {
  const folded = foldText(text);
  for (const [word, index] of Object.entries(ORDINALS)) {
    if (new RegExp(`\\b(el|la|los|las) ${word}\\b|^${word}\\b|\\bopcion ${word}\\b`).test(folded))
      return options[index < 0 ? options.length - 1 : index] ?? null;
  }
  // A bare digit is a quantity: the lists are not numbered, so only "la opción 2", "el #2", "la 2" pick by place.
  const numbered = /^(?:(?:la |el )?(?:opcion|numero|#) ?|(?:la|el) )(\d)\s*$/.exec(folded);
  if (numbered) return options[Number(numbered[1]) - 1] ?? null;
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
  const [top, second] = hits.filter((h) => h.coverage >= 0.5);
  if (top && (!second || second.score < 0.8 * top.score)) return top.product.sku;
  return null;
}

/** Cart lines a correction names ("los conos eran doce"): scored among the cart's products only. */
function cartLinesNamed(phrase: string, cartSkus: readonly string[], catalog: CatalogIndex): string[] {
  if (cartSkus.length === 0 || analyze(phrase).length === 0) return [];
  const hits = catalog.search(phrase, { limit: cartSkus.length, skus: cartSkus }).filter((h) => h.coverage >= 0.5);
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= 0.8 * top).map((h) => h.product.sku);
}

/** Which shown product "10 pares de esos" means: packaging must fit, then what the question pinpointed. */
function shownTarget(
  shown: readonly CatalogProduct[],
  unit: string | null | undefined,
  pinpointed: CatalogProduct | null,
): { sku: string | null; options: string[] } {
  const fitting = unit && unit !== "unidad" ? shown.filter((p) => p.unit === unit) : [];
  const candidates = fitting.length > 0 ? fitting : shown;
  if (candidates.length === 1) return { sku: (candidates[0] as CatalogProduct).sku, options: [] };
  if (pinpointed && candidates.some((p) => p.sku === pinpointed.sku)) return { sku: pinpointed.sku, options: [] };
  return { sku: null, options: candidates.slice(0, 5).map((p) => p.sku) };
}

/**
 * Among equal candidates, the only one of `skus` is meant: the one on screen ("quiero 2 de los amarillos" after
 * showing helmets), or the cart line holding the kind ("2 más de los cascos").
 */
function preferAmong(mention: ProductMention, skus: readonly string[]): void {
  if (!mention.ambiguous || skus.length === 0) return;
  const among = mention.options.filter((p) => skus.includes(p.sku));
  if (among.length === 1) {
    mention.resolved = among[0] as CatalogProduct;
    mention.ambiguous = false;
  }
}

/** "quítelas" with one line in the cart: a removal that names nothing takes away that line. */
function pronounRemoval(input: SaleEventsInput, sale: SaleSnapshot | null, events: SaleEvent[]): void {
  if (input.cart.kind !== "remove" || !sale || sale.lines.length !== 1) return;
  if (events.some((e) => e.type === "remove") || input.cart.mentions.some((m) => m.resolved || m.ambiguous)) return;
  events.push({ type: "remove", sku: (sale.lines[0] as CartLine).sku });
}

/** The line a bare corrected number belongs to: the one holding the old number, else the last one. */
function correctedLine(lines: readonly CartLine[], replacedQuantity: number | null): CartLine | undefined {
  const holding = replacedQuantity === null ? [] : lines.filter((l) => l.quantity === replacedQuantity);
  return holding.length === 1 ? holding[0] : lines[lines.length - 1];
}

function pendingChoice(input: SaleEventsInput, sale: SaleSnapshot, events: SaleEvent[], mentioned: CatalogProduct[]) {
  const pending = sale.pending;
  // A removal or a correction while the agent waits on a choice is about the cart, not an answer to it.
  if (pending?.kind !== "choose_product" || input.cart.kind !== "add") return false;
  const { cart, catalog } = input;
  const chosen = pickOption(input.customer.rest, pending.options, catalog);
  const mentionQuantity = cart.mentions.find((m) => m.quantity !== null)?.quantity ?? null;
  const quantity = cart.bareQuantity ?? mentionQuantity ?? pending.quantity;
  // A phrase of the reply that resolves to exactly one of the options picks it ("las de caucho, las negras").
  const named = [
    ...new Set(
      cart.mentions.flatMap((m) => (m.resolved && pending.options.includes(m.resolved.sku) ? [m.resolved.sku] : [])),
    ),
  ];
  // A lone option may be only the nearest to what was asked: a reply takes it when it accepts (a yes, a count),
  // never because it carried something else, such as the customer's data.
  const accepts = input.signals.confirm || cart.bareQuantity !== null || mentionQuantity !== null;
  const target =
    chosen ??
    (named.length === 1 ? named[0] : undefined) ??
    (pending.options.length === 1 && accepts ? pending.options[0] : undefined);
  // Once the reply picks an option, only a phrase naming a product by its own head noun is another product:
  // a word that merely opens some synonym ("alta" of "alta visibilidad") describes the pick.
  const otherProduct = cart.mentions.some(
    (m) =>
      m.resolved &&
      !pending.options.includes(m.resolved.sku) &&
      (!chosen || m.kind === catalog.profile(m.resolved).kind),
  );
  if (target && !otherProduct) {
    const product = catalog.bySku(target);
    if (product) mentioned.push(product);
    if (pending.replaces) events.push({ type: "replace", sku: pending.replaces, by: target });
    else if (quantity === null) events.push({ type: "choose", options: [target], quantity: null });
    else
      events.push({
        type: "add",
        sku: target,
        quantity: product ? effectiveQuantity(quantity, cart.bareUnit ?? null, product) : quantity,
      });
    cart.mentions.length = 0;
    cart.bareQuantity = null;
    return true;
  }
  const only = cart.mentions[0];
  if (pending.quantity !== null && cart.mentions.length === 1 && only?.resolved && only.quantity === null) {
    // Another product named while choosing takes the pending quantity ("no, mejor las dieléctricas").
    events.push({ type: "add", sku: only.resolved.sku, quantity: pending.quantity });
    mentioned.push(only.resolved);
    cart.mentions.length = 0;
    return true;
  }
  if (cart.mentions.length === 0 && cart.bareQuantity !== null) {
    // "mejor que sean 9" while still choosing: remember the new quantity, keep asking.
    events.push({ type: "choose", options: pending.options, quantity: cart.bareQuantity });
    cart.bareQuantity = null;
    return true;
  }
  return false;
}

/** The number said with a pick ("el más barato, 6 unidades"): bare, or lent to words that name no product. */
export function pickQuantity(cart: CartExtraction): number | null {
  return (
    cart.bareQuantity ?? cart.mentions.find((m) => m.quantity !== null && !m.resolved && !m.ambiguous)?.quantity ?? null
  );
}

/** "el segundo, 3 cajas" right after a list: a pick by place or price among the products just shown. */
function shownPick(input: SaleEventsInput, events: SaleEvent[], mentioned: CatalogProduct[]) {
  const { cart, catalog } = input;
  if (input.lastShown.length < 2 || cart.mentions.some((m) => m.resolved && m.quantity !== null)) return;
  const sku = pickByPosition(
    input.customer.rest,
    input.lastShown.map((p) => p.sku),
    catalog,
  );
  const product = sku ? catalog.bySku(sku) : undefined;
  if (!product) return;
  const quantity = pickQuantity(cart);
  mentioned.push(product);
  events.push(
    quantity === null
      ? { type: "choose", options: [product.sku], quantity: null }
      : { type: "add", sku: product.sku, quantity: effectiveQuantity(quantity, cart.bareUnit ?? null, product) },
  );
  cart.mentions.length = 0;
  cart.bareQuantity = null;
}

function mentionEvents(
  input: SaleEventsInput,
  sale: SaleSnapshot | null,
  events: SaleEvent[],
  mentioned: CatalogProduct[],
) {
  const { cart, catalog } = input;
  const cartSkus = sale?.lines.map((l) => l.sku) ?? [];
  const folded = foldText(input.text);
  const additive = ADDITIVE.test(folded);
  const restates = RESTATES.test(folded);
  for (const mention of cart.mentions) {
    if (mention.resolved) mentioned.push(mention.resolved);
    else mentioned.push(...(mention.ambiguous ? mention.options : mention.nearest));
    if (cart.kind === "remove" || cart.kind === "set") {
      const inCart =
        mention.resolved && cartSkus.includes(mention.resolved.sku)
          ? [mention.resolved.sku]
          : cartLinesNamed(mention.phrase, cartSkus, catalog);
      // "quítame la caja" while the agent still asks which box: the question is withdrawn, not a line removed.
      const pending = sale?.pending?.kind === "choose_product" ? sale.pending.options : [];
      const candidates = mention.resolved ? [mention.resolved] : mention.options;
      const asked = candidates.find((p) => pending.includes(p.sku));
      if (cart.kind === "remove" && inCart.length === 0 && asked) events.push({ type: "remove", sku: asked.sku });
      for (const sku of cart.kind === "remove" ? inCart : inCart.slice(0, 1)) {
        const quantity = mention.quantity ?? cart.bareQuantity;
        if (cart.kind === "remove") events.push({ type: "remove", sku });
        else if (quantity !== null) events.push({ type: "set_quantity", sku, quantity });
      }
      if (inCart.length > 0 || cart.kind === "remove") continue;
    }
    if (mention.resolved) {
      const quantity =
        mention.quantity === null ? null : effectiveQuantity(mention.quantity, mention.quantityUnit, mention.resolved);
      // "30 tapabocas" of a product sold in boxes of 20 may count items or boxes: ask in its own unit.
      const pack = packSize(mention.resolved);
      if (quantity !== null && mention.quantityUnit === null && pack !== null && quantity >= pack) {
        events.push({ type: "choose", options: [mention.resolved.sku], quantity: null });
        continue;
      }
      const line = sale?.lines.find((l) => l.sku === mention.resolved?.sku);
      // Saying again what the cart holds ("4 chalecos", with 4 in it) is not four more, unless "más" is said.
      if (line && quantity !== null && !additive && (quantity === line.quantity || restates)) {
        if (quantity !== line.quantity) events.push({ type: "set_quantity", sku: line.sku, quantity });
        continue;
      }
      events.push(
        quantity === null
          ? { type: "choose", options: [mention.resolved.sku], quantity: null }
          : { type: "add", sku: mention.resolved.sku, quantity },
      );
    } else if (mention.ambiguous) {
      events.push({ type: "choose", options: mention.options.map((p) => p.sku), quantity: mention.quantity });
    } else if (mention.nearest.length > 0) {
      events.push({ type: "product_not_found", query: mention.phrase });
      events.push({ type: "choose", options: mention.nearest.map((p) => p.sku), quantity: mention.quantity });
    } else if (mention.quantity !== null) {
      events.push({ type: "product_not_found", query: mention.phrase });
    }
  }
}

// "2 nuevos de los mismos" after a refill: new units of what the service is for, not more of the service.
const NEW_ONES = /\bnuev[oa]s?\b/;

/** The goods a service is for: "Recarga de extintor ABC 10 lb" → the extinguisher named after its "de". */
function goodsOfService(service: CatalogProduct, catalog: CatalogIndex): CatalogProduct | null {
  if (service.unit !== "servicio") return null;
  const object = service.name
    .split(/\s+de\s+/)
    .slice(1)
    .join(" de ");
  if (!object) return null;
  const goods = resolvePhrase(object, catalog)
    .hits.map((h) => h.product)
    .filter((p) => p.unit !== "servicio");
  return goods.length > 0 ? resolvePhrase(object, catalog, { within: goods }).resolved : null;
}

function bareQuantityEvents(
  input: SaleEventsInput,
  sale: SaleSnapshot | null,
  events: SaleEvent[],
  mentioned: CatalogProduct[],
) {
  const { cart, catalog } = input;
  if (cart.bareQuantity === null) return;
  const quantity = cart.bareQuantity;
  const pending = sale?.pending ?? null;
  const lines = sale?.lines ?? [];
  // "me manda 4 y una recarga por cada uno" after one product was shown: the bare number is of the shown one.
  const [onlyShown] = input.lastShown;
  const besideMentions =
    cart.mentions.length > 0 &&
    input.lastShown.length === 1 &&
    lines.length === 0 &&
    !cart.mentions.some((m) => m.resolved?.sku === onlyShown?.sku);
  if (cart.mentions.length > 0 && !besideMentions) return;
  const line = correctedLine(lines, input.replacedQuantity);
  const pointsAtShown =
    input.lastShown.length > 0 && (cart.reference ? !(cart.kind === "set" && line) : lines.length === 0 && !pending);
  if (pending?.kind === "stock_offer") events.push({ type: "set_quantity", sku: pending.sku, quantity });
  else if (pointsAtShown) {
    const target = shownTarget(input.lastShown, cart.bareUnit, input.pinpointed);
    const shown = target.sku ? catalog.bySku(target.sku) : undefined;
    const product = shown && NEW_ONES.test(foldText(input.text)) ? (goodsOfService(shown, catalog) ?? shown) : shown;
    if (product) {
      mentioned.push(product);
      events.push({
        type: "add",
        sku: product.sku,
        quantity: effectiveQuantity(quantity, cart.bareUnit ?? null, product),
      });
    } else events.push({ type: "choose", options: target.options, quantity });
  } else if (line && cart.kind === "set") events.push({ type: "set_quantity", sku: line.sku, quantity });
  else if (line && cart.kind === "add" && ADDITIVE.test(foldText(input.text)))
    events.push({ type: "set_quantity", sku: line.sku, quantity: line.quantity + quantity });
}

export function saleEventsFor(input: SaleEventsInput): SaleEventsResult {
  const { cart, signals } = input;
  const sale = input.sale && !isTerminal(input.sale.state) ? input.sale : null;
  const pending = sale?.pending ?? null;
  const events: SaleEvent[] = [];
  const mentioned: CatalogProduct[] = [];
  let answers: Understanding["answers"] = null;

  if (sale && pendingChoice(input, sale, events, mentioned)) answers = "choose_product";
  else if (pending?.kind !== "choose_product") shownPick(input, events, mentioned);

  // Control messages ("todavía no", "listo, confirma") and messages carrying the customer's data never start a
  // new product question: product words without a number there are leftovers (a barrio, a company name).
  const control = signals.confirm || signals.refuse || signals.finish || signals.cancel || signals.showCart;
  if (control || hasCustomerData(input.customer.data)) cart.mentions = cart.mentions.filter((m) => m.quantity !== null);

  const swap = siblingSwap(input.customer.rest, cart, sale, input.catalog);
  if (swap) {
    events.push(...swap.events);
    mentioned.push(...swap.mentioned);
    cart.mentions = [];
  }
  const shownSkus = input.lastShown.map((p) => p.sku);
  for (const mention of cart.mentions) preferAmong(mention, shownSkus);
  if (MORE_OF.test(foldText(input.text)))
    for (const mention of cart.mentions) preferAmong(mention, sale?.lines.map((l) => l.sku) ?? []);
  mentionEvents(input, sale, events, mentioned);
  pronounRemoval(input, sale, events);
  bareQuantityEvents(input, sale, events, mentioned);

  const changedCart = events.some((e) => e.type !== "product_not_found");
  if (hasCustomerData(input.customer.data)) {
    events.push({ type: "customer_data", data: input.customer.data });
    if (pending?.kind === "customer_data") answers = "customer_data";
  }
  // With a cart open and nothing else asked, the agent's question is «anything else?»: a bare no finishes the cart.
  const declinesMore = signals.nothingElse && sale?.state === "pendiente" && !pending && sale.lines.length > 0;
  if (signals.cancel) events.push({ type: "cancel" });
  else if ((signals.finish || (declinesMore && !changedCart)) && !signals.confirm) events.push({ type: "finish_cart" });
  // An order closes only on a clear yes; "bueno, ahí miro" leaves the summary standing.
  else if (!changedCart && signals.confirm && !(signals.weakYes && pending?.kind === "confirm_order")) {
    events.push({ type: "confirm", ...(pending?.kind === "confirm_order" ? { shown: pending.digest } : {}) });
    answers ??=
      pending?.kind === "confirm_order" ? "confirm_order" : pending?.kind === "stock_offer" ? "stock_offer" : null;
  } else if (!changedCart && signals.refuse) {
    events.push({ type: "refuse" });
    answers ??= pending?.kind === "confirm_order" || pending?.kind === "stock_offer" ? pending.kind : null;
  } else if (signals.finish) events.push({ type: "finish_cart" });
  if (pending?.kind === "stock_offer" && events.some((e) => e.type === "set_quantity" && e.sku === pending.sku))
    answers = "stock_offer";
  if (events.length === 0) events.push({ type: "start" });
  return { events, mentioned, answers };
}
