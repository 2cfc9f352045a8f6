// A purchase message → sale events (cart operations, choices, customer data, confirmations), read against the
// sale as it stands: the question the agent is waiting on is answered first, corrections go to the line they
// name, a swap replaces a line by its sibling, and a confirmation carries the summary it answers.

import { isTerminal } from "@/lib/sales/machine";
import type { CartLine, SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import type { CustomerExtraction } from "../analysis/customer-data";
import { hasCustomerData } from "../analysis/customer-data";
import { analyze, foldText } from "../analysis/normalize";
import { packSize } from "../analysis/pack-size";
import type { Signals } from "../analysis/signals";
import type { CatalogIndex } from "../retrieval/catalog-index";
import type { CatalogProduct } from "../types";
import { ADDITIVE, bareQuantityEvents } from "./bare-quantity";
import type { CartExtraction, ProductMention } from "./cart-mentions";
import { effectiveQuantity } from "./clause-phrase";
import type { Understanding } from "./contract";
import { countSingular } from "./implied-counts";
import { pendingChoice, shownPick, takeShown } from "./pending-choice";
import { siblingSwap, swapCue } from "./sibling-swap";

export type SaleEventsInput = {
  text: string;
  /** The text with number words as digits, as the analysis read it once ("otros dos" → "otros 2"). */
  numeric: string;
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
  /** The customer takes the products the previous answer offered. */
  takesShown: boolean;
  /** The count the previous question named for them. */
  offeredQuantity: number | null;
};

export type SaleEventsResult = {
  events: SaleEvent[];
  mentioned: CatalogProduct[];
  answers: Understanding["answers"];
};

// "o sea 6 chalecos y 6 cascos": the customer restates the order; a product already in the cart is set, not added.
// "more of" without a new kind: "también" may open another product, so it is not one of these.
const MORE_OF = /\b(mas|otr[oa]s?|adicional(es)?)\b/;
const RESTATES = /\b(o sea|osea|es decir|mejor dicho|en total|serian|quedarian)\b/;

/** Cart lines a correction names ("los conos eran doce"): scored among the cart's products only. */
function cartLinesNamed(phrase: string, cartSkus: readonly string[], catalog: CatalogIndex): string[] {
  if (cartSkus.length === 0 || analyze(phrase).length === 0) return [];
  const hits = catalog.search(phrase, { limit: cartSkus.length, skus: cartSkus }).filter((h) => h.coverage >= 0.5);
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= 0.8 * top).map((h) => h.product.sku);
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

/** "quítele 2 a los cascos" takes two units away; a removal without a count, or of as many as the line holds, the line. */
function removal(line: CartLine | undefined, sku: string, count: number | null): SaleEvent {
  if (line && count !== null && count > 0 && count < line.quantity)
    return { type: "set_quantity", sku, quantity: line.quantity - count };
  return { type: "remove", sku };
}

/** "quítelas" with one line in the cart: a removal that names nothing takes away that line ("quíteme 4": 4 of it). */
function pronounRemoval(input: SaleEventsInput, sale: SaleSnapshot | null, events: SaleEvent[]): void {
  if (input.cart.kind !== "remove" || !sale || sale.lines.length !== 1) return;
  if (events.some((e) => e.type === "remove") || input.cart.mentions.some((m) => m.resolved || m.ambiguous)) return;
  const line = sale.lines[0] as CartLine;
  // "quíteme 2 cajas que ya nos consiguieron": the count may come with words that name nothing; "sáquelos, ya
  // conseguí uno" took them all (the object pronoun), and the count is another clause's.
  const all = /\b(?:quit|sa[cq]u?|elimin|borr|retir)[a-z]*?l[oa]s?\b/.test(foldText(input.text));
  const counted = all ? null : (input.cart.mentions.find((m) => m.quantity !== null)?.quantity ?? null);
  events.push(removal(line, line.sku, input.cart.bareQuantity ?? counted));
}

/**
 * "Which one?" for a product the message names: it waits behind a choice already open (an earlier product of this
 * message, or one the agent still asks about) instead of replacing it, so each is asked with its own count.
 */
function choiceFor(
  options: string[],
  quantity: number | null,
  sale: SaleSnapshot | null,
  events: readonly SaleEvent[],
): SaleEvent {
  const open = sale?.pending?.kind === "choose_product" && !sale.pending.replaces ? sale.pending : null;
  const same = open !== null && open.options.join() === options.join();
  const behind = events.some((e) => e.type === "choose") || (open !== null && !same);
  return { type: "choose", options, quantity, ...(behind ? { queue: true } : {}) };
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
    const op = mention.op ?? cart.kind;
    if (op === "remove" || op === "set") {
      // A line is named by its kind when the phrase names one: a kind's word inside another line's name does not name that line.
      const ofKind = (sku: string) => {
        const product = catalog.bySku(sku);
        return !mention.kind || (product !== undefined && catalog.profile(product).kinds.includes(mention.kind));
      };
      const inCart =
        mention.resolved && cartSkus.includes(mention.resolved.sku)
          ? [mention.resolved.sku]
          : cartLinesNamed(mention.phrase, cartSkus, catalog).filter(ofKind);
      // "quítame la caja" while the agent still asks which box: the question is withdrawn, not a line removed.
      const pending = sale?.pending?.kind === "choose_product" ? sale.pending.options : [];
      const candidates = mention.resolved ? [mention.resolved] : mention.options;
      const asked = candidates.find((p) => pending.includes(p.sku));
      if (op === "remove" && inCart.length === 0 && asked) events.push({ type: "remove", sku: asked.sku });
      for (const sku of op === "remove" ? inCart : inCart.slice(0, 1)) {
        const quantity = mention.quantity ?? cart.bareQuantity;
        if (op === "remove")
          events.push(
            removal(
              sale?.lines.find((l) => l.sku === sku),
              sku,
              quantity,
            ),
          );
        // "póngale un extintor más": more of the line.
        else if (quantity !== null) {
          const line = sale?.lines.find((l) => l.sku === sku);
          const more = additive && line && mention.op === "set" ? line.quantity : 0;
          events.push({ type: "set_quantity", sku, quantity: more + quantity });
        }
      }
      if (inCart.length > 0 || op === "remove") continue;
    }
    if (mention.resolved) {
      const line = sale?.lines.find((l) => l.sku === mention.resolved?.sku);
      const quantity =
        mention.quantity === null ? null : effectiveQuantity(mention.quantity, mention.quantityUnit, mention.resolved);
      // "30 tapabocas" of a product sold in boxes of 20 may count items or boxes: ask in its own unit.
      const pack = packSize(mention.resolved);
      if (quantity !== null && mention.quantityUnit === null && pack !== null && quantity >= pack) {
        events.push(choiceFor([mention.resolved.sku], null, sale, events));
        continue;
      }
      // Saying again what the cart holds ("4 chalecos", with 4 in it) is not four more, unless "más" is said.
      if (line && quantity !== null && !additive && (quantity === line.quantity || restates)) {
        if (quantity !== line.quantity) events.push({ type: "set_quantity", sku: line.sku, quantity });
        continue;
      }
      events.push(
        quantity === null
          ? choiceFor([mention.resolved.sku], null, sale, events)
          : { type: "add", sku: mention.resolved.sku, quantity },
      );
    } else if (mention.ambiguous) {
      // "que sean 9 gafas" while the agent asks which glasses: the open choice's new count.
      const open = sale?.pending?.kind === "choose_product" ? sale.pending : null;
      const recounts =
        op === "set" && open !== null && open.options.every((o) => mention.options.some((p) => p.sku === o));
      events.push(
        recounts && open
          ? { type: "choose", options: open.options, quantity: mention.quantity }
          : choiceFor(
              mention.options.map((p) => p.sku),
              mention.quantity,
              sale,
              events,
            ),
      );
    } else if (mention.nearest.length > 0) {
      events.push({ type: "product_not_found", query: mention.phrase });
      events.push(
        choiceFor(
          mention.nearest.map((p) => p.sku),
          mention.quantity,
          sale,
          events,
        ),
      );
    } else if (mention.quantity !== null) {
      events.push({ type: "product_not_found", query: mention.phrase });
    }
  }
}

export function saleEventsFor(input: SaleEventsInput): SaleEventsResult {
  const { cart, signals } = input;
  const sale = input.sale && !isTerminal(input.sale.state) ? input.sale : null;
  const pending = sale?.pending ?? null;
  const events: SaleEvent[] = [];
  const mentioned: CatalogProduct[] = [];
  let answers: Understanding["answers"] = null;

  // A message carrying the customer's data names no product of its own: product words without a number there are
  // leftovers (a barrio, a company name), so they neither answer the open question nor start one. Control
  // messages ("todavía no", "listo, confirma") never start one either, but "no, mejor las negras" answers it.
  const counted = () => cart.mentions.filter((m) => m.quantity !== null);
  if (hasCustomerData(input.customer.data)) cart.mentions = counted();

  if (sale && pendingChoice(input, sale, events, mentioned)) answers = "choose_product";
  else if (pending?.kind !== "choose_product") shownPick(input, events, mentioned);

  // A pick answers with the count already asked; a new product named so is one of it.
  const picked = events.length > 0 || pending?.kind === "choose_product";
  if (!picked && !hasCustomerData(input.customer.data) && !swapCue(input.customer.rest)) countSingular(input, sale);
  // A removal names its lines without numbers ("no, así no: quíteme los guantes"): they stay with a refusal.
  const control = signals.confirm || signals.refuse || signals.finish || signals.cancel || signals.showCart;
  if (control && cart.kind !== "remove") cart.mentions = counted();

  const swap = siblingSwap(input.customer.rest, cart, sale, input.catalog);
  if (swap) {
    events.push(...swap.events);
    mentioned.push(...swap.mentioned);
    // The swap took the count said with it ("…, pero que sean 6"): it is not a count for the old line too.
    cart.mentions = [];
    cart.bareQuantity = null;
  }
  const shownSkus = input.lastShown.map((p) => p.sku);
  for (const mention of cart.mentions) preferAmong(mention, shownSkus);
  if (MORE_OF.test(foldText(input.text)))
    for (const mention of cart.mentions) preferAmong(mention, sale?.lines.map((l) => l.sku) ?? []);
  mentionEvents(input, sale, events, mentioned);
  pronounRemoval(input, sale, events);
  bareQuantityEvents(input, sale, events, mentioned);
  takeShown(input, events, mentioned);

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
  } else if (signals.finish && !input.takesShown) events.push({ type: "finish_cart" });
  if (pending?.kind === "stock_offer" && events.some((e) => e.type === "set_quantity" && e.sku === pending.sku))
    answers = "stock_offer";
  if (events.length === 0) events.push({ type: "start" });
  return { events, mentioned, answers };
}
