// Replies to a choice: the answer to the agent's own "which one?" question, and a pick among the products the
// previous answer listed.

import type { SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import { foldText } from "../analysis/normalize";
import type { CatalogProduct } from "../types";
import { effectiveQuantity } from "./clause-phrase";
import { asksToBuy, asksToCompare, readsAsQuestion } from "./intent";
import { pickAmong, pickByPosition, pickQuantity } from "./option-picks";
import type { SaleEventsInput } from "./sale-events";

export function pendingChoice(
  input: SaleEventsInput,
  sale: SaleSnapshot,
  events: SaleEvent[],
  mentioned: CatalogProduct[],
) {
  const pending = sale.pending;
  if (pending?.kind !== "choose_product") return false;
  if (input.cart.kind === "set" && recountsChoice(input, sale, pending.quantity)) {
    // "mejor que sean 9" while still choosing: remember the new count, keep asking.
    events.push({ type: "choose", options: pending.options, quantity: input.cart.bareQuantity });
    input.cart.bareQuantity = null;
    return true;
  }
  // A removal or a correction while the agent waits on a choice is about the cart, not an answer to it.
  if (input.cart.kind !== "add") return false;
  // Comparing the options ("¿qué diferencia hay entre…?") or asking about one ("¿el de baterías trae
  // maletín?") asks about them; it picks none, unless the question asks for it ("¿me da el de baterías?") or counts.
  if (asksToCompare(input.text)) return false;
  const counts = input.cart.bareQuantity !== null || input.cart.mentions.some((m) => m.quantity !== null);
  if (readsAsQuestion(input.text) && !counts && !asksToBuy(foldText(input.text))) return false;
  const { cart, catalog } = input;
  const chosen = pickAmong(input.customer.rest, pending.options, catalog);
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
    else events.push(takeOne(target, quantity, cart.bareUnit ?? null, product));
    cart.mentions.length = 0;
    cart.bareQuantity = null;
    return true;
  }
  // "y 2 eslingas" asked while the rope was still being chosen: a reply may answer the choice asked last.
  for (const waiting of pending.queued ?? []) {
    const pick = pickAmong(input.customer.rest, waiting.options, catalog);
    const product = pick ? catalog.bySku(pick) : undefined;
    if (!product) continue;
    mentioned.push(product);
    const count = cart.bareQuantity ?? mentionQuantity ?? waiting.quantity;
    // Still without a count, it waits behind the open choice as it did.
    const taken = takeOne(product.sku, count, cart.bareUnit ?? null, product);
    events.push(taken.type === "choose" ? { ...taken, queue: true } : taken);
    cart.mentions.length = 0;
    cart.bareQuantity = null;
    return true;
  }
  const only = cart.mentions[0];
  if (pending.quantity !== null && cart.mentions.length === 1 && only?.resolved && only.quantity === null) {
    // Another product named while choosing takes the pending quantity ("no, mejor las dieléctricas").
    events.push({ type: "add", sku: only.resolved.sku, quantity: pending.quantity, answersChoice: true });
    mentioned.push(only.resolved);
    cart.mentions.length = 0;
    return true;
  }
  if (cart.mentions.length === 0 && cart.bareQuantity !== null) {
    // "deme 9" while still choosing: the same, said as a request.
    events.push({ type: "choose", options: pending.options, quantity: cart.bareQuantity });
    cart.bareQuantity = null;
    return true;
  }
  return false;
}

/** One product taken with the count said for it, in its own unit ("3 pares"); without a count, how many is asked. */
function takeOne(sku: string, quantity: number | null, unit: string | null, product?: CatalogProduct): SaleEvent {
  if (quantity === null) return { type: "choose", options: [sku], quantity: null };
  return { type: "add", sku, quantity: product ? effectiveQuantity(quantity, unit, product) : quantity };
}

/**
 * A bare corrected count while a counted choice is open re-counts that choice: the agent's open question is the
 * latest thing counted. Only the old count of a cart line ("que sean 4 y no 3") sends it to that line instead.
 */
function recountsChoice(input: SaleEventsInput, sale: SaleSnapshot, counted: number | null): boolean {
  if (counted === null || input.cart.bareQuantity === null || input.cart.mentions.length > 0) return false;
  const old = input.replacedQuantity;
  return old === null || old === counted || !sale.lines.some((l) => l.quantity === old);
}

/** "el segundo, 3 cajas" right after a list: a pick by place or price among the products just shown. */
export function shownPick(input: SaleEventsInput, events: SaleEvent[], mentioned: CatalogProduct[]) {
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
  events.push(takeOne(product.sku, quantity, cart.bareUnit ?? null, product));
  cart.mentions.length = 0;
  cart.bareQuantity = null;
}

/**
 * "sí, agréguelos" after an answer that offered products: the one shown (or the one the question pinpointed) with
 * the count given now or in that question, else how many is asked; several shown are asked about.
 */
export function takeShown(input: SaleEventsInput, events: SaleEvent[], mentioned: CatalogProduct[]) {
  if (!input.takesShown || events.some((e) => e.type !== "start" && e.type !== "product_not_found")) return;
  const shown = input.lastShown;
  const target = shown.length === 1 ? shown[0] : input.pinpointed;
  const quantity = input.cart.bareQuantity ?? input.offeredQuantity;
  if (target) {
    mentioned.push(target);
    // The question's count was read in the product's unit already.
    events.push(takeOne(target.sku, quantity, null, target));
    return;
  }
  const options = shown.slice(0, 5);
  mentioned.push(...options);
  events.push({ type: "choose", options: options.map((p) => p.sku), quantity });
}
