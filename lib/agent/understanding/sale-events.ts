// Turns a purchase message into sale events (cart ops, choices, customer data, confirmations).

import { isTerminal } from "@/lib/sales/machine";
import type { SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import { missingFields } from "@/lib/sales/validation";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { effectiveQuantity, extractCart, type ProductMention } from "./cart-mentions";
import { extractCustomerData, hasCustomerData } from "@/lib/agent/analysis/customer-data";
import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import { isCancel, isConfirmation, isFinishCart, isRefusal } from "@/lib/agent/analysis/signals";
import type { CatalogProduct } from "@/lib/agent/types";
import { variantSwitchEvents } from "./sibling-swap";

export type SaleTurnInput = {
  text: string;
  sale: SaleSnapshot | null;
  catalog: CatalogIndex;
  /** Products shown in the previous answer, for "agrega 3 de esos". */
  lastShown: CatalogProduct[];
  /** The shown product the previous question pinpointed, for "mándeme 5 de esos" after "¿y amarillos?". */
  pinpointed?: CatalogProduct | null;
};

export type SaleTurnEvents = { events: SaleEvent[]; mentioned: CatalogProduct[] };

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
  ultimo: -1,
  ultima: -1,
};

/** Picks one of `options` from a reply like "el segundo", "el blanco" or "CAB-002". */
function pickOption(text: string, options: string[], catalog: CatalogIndex): string | null {
  const folded = foldText(text);
  for (const [word, index] of Object.entries(ORDINALS)) {
    if (new RegExp(`\\b(el|la) ${word}\\b|^${word}\\b`).test(folded)) {
      return options[index < 0 ? options.length - 1 : index] ?? null;
    }
  }
  const hits = catalog.search(text, { limit: 200 }).filter((h) => options.includes(h.product.sku));
  const [top, second] = hits;
  if (top && (!second || second.score < 0.8 * top.score)) return top.product.sku;
  return null;
}

function narrow(mention: ProductMention, allowed: readonly string[]): string[] {
  const top = mention.hits[0]?.score ?? 0;
  return mention.hits.filter((h) => allowed.includes(h.product.sku) && h.score >= 0.6 * top).map((h) => h.product.sku);
}

/** Cart lines a correction names ("cambie los amarillos a 10"): scored among the cart only. */
function cartLinesNamed(phrase: string, cartSkus: readonly string[], catalog: CatalogIndex): string[] {
  if (cartSkus.length === 0) return [];
  const hits = catalog.search(phrase, { limit: cartSkus.length, skus: cartSkus }).filter((h) => h.coverage >= 0.5);
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= 0.8 * top).map((h) => h.product.sku);
}

/** Which shown product "10 pares de esos" means: packaging must fit, then what the question pinpointed. */
function shownTarget(
  shown: readonly CatalogProduct[],
  unit: string | null | undefined,
  pinpointed: CatalogProduct | null | undefined,
): { sku: string | null; options: string[] } {
  const fitting = unit && unit !== "unidad" ? shown.filter((p) => p.unit === unit) : [];
  const candidates = fitting.length > 0 ? fitting : shown;
  if (candidates.length === 1) return { sku: (candidates[0] as CatalogProduct).sku, options: [] };
  if (pinpointed && candidates.some((p) => p.sku === pinpointed.sku)) return { sku: pinpointed.sku, options: [] };
  return { sku: null, options: candidates.slice(0, 5).map((p) => p.sku) };
}

function preferShown(mention: ProductMention, shown: readonly string[]): void {
  const top = mention.hits[0];
  if (!top || shown.length === 0 || (mention.resolved && shown.includes(mention.resolved.sku))) return;
  const onScreen = mention.hits.filter((h) => shown.includes(h.product.sku));
  const [best, runnerUp] = onScreen;
  if (
    !best ||
    best.score < 0.5 * top.score ||
    (mention.resolved?.sku === top.product.sku && top.score > 2 * best.score)
  )
    return;
  if (!runnerUp || runnerUp.score < 0.8 * best.score) {
    mention.resolved = best.product;
    mention.ambiguous = false;
  }
}

export function saleEventsFor(input: SaleTurnInput): SaleTurnEvents {
  const { text, catalog } = input;
  const sale = input.sale && !isTerminal(input.sale.state) ? input.sale : null;
  const missing = sale ? missingFields(sale.customer) : [];
  const checkout = sale !== null && sale.lines.length > 0 && (sale.state !== "pendiente" || missing.length < 5);
  const customer = extractCustomerData(text, {
    expectDocument: checkout && missing.includes("documentNumber"),
    expectName: checkout && missing.length > 0 && missing[0] === "name",
  });
  const cart = extractCart(customer.rest, catalog);
  const events: SaleEvent[] = [];
  const mentioned: CatalogProduct[] = [];
  const cartSkus = sale?.lines.map((l) => l.sku) ?? [];
  const pending = sale?.pending ?? null;

  if (pending?.kind === "choose_product") {
    const chosen = pickOption(customer.rest, pending.options, catalog);
    const mentionQuantity = cart.mentions.find((m) => m.quantity !== null)?.quantity ?? null;
    const quantity = cart.bareQuantity ?? mentionQuantity ?? pending.quantity;
    const target = chosen ?? (pending.options.length === 1 ? pending.options[0] : undefined);
    const otherProduct = cart.mentions.some((m) => m.resolved && !pending.options.includes(m.resolved.sku));
    if (target && !otherProduct) {
      events.push(
        quantity === null
          ? { type: "choose", options: [target], quantity: null }
          : { type: "add", sku: target, quantity },
      );
      cart.mentions.length = 0;
      cart.bareQuantity = null;
    } else if (replacesChoice(cart.mentions, pending.quantity)) {
      // "no, mejor las dieléctricas" while choosing: the one other product named takes the pending quantity.
      const sku = cart.mentions[0]?.resolved?.sku as string;
      events.push({ type: "add", sku, quantity: pending.quantity as number });
      cart.mentions.length = 0;
    } else if (!target && cart.mentions.length === 0 && cart.bareQuantity !== null) {
      // "mejor que sean 12" while still choosing: remember the new quantity, keep asking.
      events.push({ type: "choose", options: pending.options, quantity: cart.bareQuantity });
      cart.bareQuantity = null;
    }
  }

  // "todavía no", "listo, confirma": control messages never start a new product question.
  const control = isConfirmation(text) || isRefusal(text) || isFinishCart(text) || isCancel(text);
  if (control) cart.mentions = cart.mentions.filter((m) => m.quantity !== null);

  const swap = variantSwitchEvents(cart, sale, catalog);
  if (swap) {
    events.push(...swap);
    cart.mentions = [];
  }

  // "quiero 2 de los amarillos" after showing helmets: prefer the products on screen.
  const shownSkus = input.lastShown.map((p) => p.sku);
  for (const mention of cart.mentions) preferShown(mention, shownSkus);

  for (const mention of cart.mentions) {
    if (mention.resolved) mentioned.push(mention.resolved);
    else mentioned.push(...mention.hits.map((h) => h.product));
    if (cart.kind === "remove" || cart.kind === "set") {
      const inCart =
        mention.resolved && cartSkus.includes(mention.resolved.sku)
          ? [mention.resolved.sku]
          : cartLinesNamed(mention.phrase, cartSkus, catalog);
      for (const sku of cart.kind === "remove" ? inCart : inCart.slice(0, 1)) {
        const quantity = mention.quantity ?? cart.bareQuantity;
        if (cart.kind === "remove") events.push({ type: "remove", sku });
        else if (quantity !== null) events.push({ type: "set_quantity", sku, quantity });
      }
      if (inCart.length > 0) continue;
      if (cart.kind === "remove") continue;
    }
    if (mention.resolved) {
      const spoken = mention.quantity ?? (cart.kind === "add" ? singularArticleQuantity(mention) : null);
      const quantity = spoken === null ? null : effectiveQuantity(spoken, mention.quantityUnit, mention.resolved);
      events.push(
        quantity === null
          ? { type: "choose", options: [mention.resolved.sku], quantity: null }
          : { type: "add", sku: mention.resolved.sku, quantity },
      );
    } else if (mention.ambiguous) {
      const shown = narrow(
        mention,
        input.lastShown.map((p) => p.sku),
      );
      const onlyShown = shown.length === 1 ? shown[0] : undefined;
      if (onlyShown && mention.quantity !== null)
        events.push({ type: "add", sku: onlyShown, quantity: mention.quantity });
      else events.push({ type: "choose", options: mention.hits.map((h) => h.product.sku), quantity: mention.quantity });
    } else if (mention.quantity !== null) {
      events.push({ type: "product_not_found", query: mention.phrase });
    }
  }

  if (cart.mentions.length === 0 && cart.bareQuantity !== null) {
    const quantity = cart.bareQuantity;
    const lastLine = sale?.lines[sale.lines.length - 1];
    const pointsAtShown =
      input.lastShown.length > 0 && (cart.reference ? !(cart.kind === "set" && lastLine) : !lastLine && !pending);
    if (pending?.kind === "stock_offer") events.push({ type: "set_quantity", sku: pending.sku, quantity });
    else if (pointsAtShown) {
      const target = shownTarget(input.lastShown, cart.bareUnit, input.pinpointed);
      if (target.sku) {
        const product = catalog.bySku(target.sku);
        const units = product ? effectiveQuantity(quantity, cart.bareUnit ?? null, product) : quantity;
        events.push({ type: "add", sku: target.sku, quantity: units });
      } else events.push({ type: "choose", options: target.options, quantity });
    } else if (lastLine && (cart.kind === "set" || cart.kind === "add") && events.length === 0) {
      events.push({
        type: "set_quantity",
        sku: lastLine.sku,
        quantity: cart.kind === "set" ? quantity : lastLine.quantity + quantity,
      });
    }
  }

  const changedCart = events.some((e) => e.type !== "product_not_found");
  if (hasCustomerData(customer.data)) events.push({ type: "customer_data", data: customer.data });
  if (isCancel(text)) events.push({ type: "cancel" });
  else if (isFinishCart(text)) events.push({ type: "finish_cart" });
  else if (!changedCart && isConfirmation(text))
    events.push({ type: "confirm", ...(pending?.kind === "confirm_order" ? { shown: pending.digest } : {}) });
  else if (!changedCart && isRefusal(text)) events.push({ type: "refuse" });
  if (events.length === 0) events.push({ type: "start" });
  return { events, mentioned };
}

/** "quiero el gabinete con vidrio": a singular article on the product's own head noun means one unit. */
export function singularArticleQuantity(mention: Pick<ProductMention, "phrase" | "resolved">): number | null {
  if (!mention.resolved) return null;
  const head = analyze(mention.resolved.name)[0];
  const tokens = mention.phrase.split(/\s+/);
  const at = tokens.findIndex((t, i) => (tokens[i - 1] === "el" || tokens[i - 1] === "la") && analyze(t)[0] === head);
  return head !== undefined && at > 0 ? 1 : null;
}

/**
 * While a product choice waits with a quantity, a reply naming exactly one other, unambiguous product
 * without a quantity of its own replaces the choice ("no, mejor cámbialas por las dieléctricas").
 */
export function replacesChoice(
  mentions: readonly Pick<ProductMention, "resolved" | "quantity">[],
  pendingQuantity: number | null,
): boolean {
  const only = mentions[0];
  return pendingQuantity !== null && mentions.length === 1 && !!only?.resolved && only.quantity === null;
}
