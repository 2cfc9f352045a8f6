// Pure sale reducer: (snapshot, event, catalog) → next snapshot + outcome notes. No I/O, no clocks.

import { advanceChoices, choiceOutcome, choiceQuestion } from "./choices";
import type {
  CartLine,
  CatalogLookup,
  CustomerData,
  CustomerField,
  PendingQuestion,
  SaleEvent,
  SaleOutcome,
  SaleSnapshot,
  SaleState,
  SaleStep,
} from "./types";
import { isCustomerComplete, missingFields, validateCustomerField } from "./validation";

export function newSale(): SaleSnapshot {
  return { state: "iniciada", lines: [], customer: {}, pending: null };
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export function isTerminal(state: SaleState): boolean {
  return state === "cerrada" || state === "cancelada";
}

/**
 * Fingerprint of what a closed order would hold: lines, prices and the customer's data. A confirmation counts
 * only for the summary it answers; any change after the summary gives another digest (FNV-1a, 32 bits).
 */
export function orderDigest(snapshot: Pick<SaleSnapshot, "lines" | "customer">): string {
  const c = snapshot.customer;
  const text = [
    ...snapshot.lines.map((l) => `${l.sku}:${l.quantity}:${l.unitPrice}`).sort(),
    c.name,
    c.documentType,
    c.documentNumber,
    c.phone,
    c.address,
    c.city,
    c.email,
  ].join("|");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** State after a change, given whether the customer is already past the shopping phase. */
function settle(snapshot: SaleSnapshot, checkout: boolean): SaleSnapshot {
  if (isTerminal(snapshot.state)) return snapshot;
  let state: SaleState;
  if (snapshot.lines.length === 0) state = "iniciada";
  else if (!checkout) state = "pendiente";
  else state = isCustomerComplete(snapshot.customer) ? "listo_para_finalizar" : "recolectando_datos";
  return { ...snapshot, state };
}

function inCheckout(state: SaleState): boolean {
  return state === "recolectando_datos" || state === "listo_para_finalizar";
}

/** Product questions and stock offers outrank the checkout's own questions. */
const isShoppingQuestion = (p: PendingQuestion | null) => p?.kind === "choose_product" || p?.kind === "stock_offer";

/** A line change answers the pending product question only when it is about that question's products. */
function pendingAfter(pending: PendingQuestion | null, sku: string): PendingQuestion | null {
  if (pending?.kind === "choose_product")
    return pending.options.includes(sku) || pending.replaces === sku ? null : pending;
  if (pending?.kind === "stock_offer") return pending.sku === sku ? null : pending;
  return null;
}

/**
 * Where the checkout stands, with the question it now waits on: in `listo_para_finalizar` the summary of the
 * order as it is now (a new digest after any change), in `recolectando_datos` the fields still missing.
 */
function checkoutStep(snapshot: SaleSnapshot, outcomes: SaleOutcome[]): SaleStep {
  if (isShoppingQuestion(snapshot.pending)) return { snapshot, outcomes };
  if (snapshot.state === "listo_para_finalizar") {
    const digest = orderDigest(snapshot);
    const current = snapshot.pending?.kind === "confirm_order" && snapshot.pending.digest === digest;
    if (current) return { snapshot, outcomes };
    return {
      snapshot: { ...snapshot, pending: { kind: "confirm_order", digest } },
      outcomes: [...outcomes, { type: "ready_to_close" }],
    };
  }
  if (snapshot.state === "recolectando_datos") {
    const fields = missingFields(snapshot.customer);
    return {
      snapshot: { ...snapshot, pending: { kind: "customer_data", fields } },
      outcomes: [...outcomes, { type: "missing_fields", fields }],
    };
  }
  // Shopping again: the checkout's questions no longer stand.
  return { snapshot: { ...snapshot, pending: null }, outcomes };
}

function setLine(
  snapshot: SaleSnapshot,
  sku: string,
  quantity: number,
  lookup: CatalogLookup,
  mode: "add" | "set",
): SaleStep {
  const product = lookup(sku);
  if (!product?.active) return { snapshot, outcomes: [{ type: "product_not_found", query: sku }] };
  const existing = snapshot.lines.find((l) => l.sku === sku);
  const target = mode === "add" ? (existing?.quantity ?? 0) + quantity : quantity;
  if (target <= 0) return removeLine(snapshot, sku);
  if (target > product.stock) {
    // Never accept more than stock: keep the cart as it was and offer what there is.
    const pending = product.stock > 0 ? ({ kind: "stock_offer", sku, quantity: product.stock } as const) : null;
    return {
      snapshot: { ...snapshot, pending },
      outcomes: [{ type: "stock_insufficient", sku, requested: target, available: product.stock }],
    };
  }
  const line: CartLine = { sku, name: product.name, quantity: target, unitPrice: product.price };
  const lines = existing ? snapshot.lines.map((l) => (l.sku === sku ? line : l)) : [...snapshot.lines, line];
  const outcome: SaleOutcome =
    mode === "add"
      ? { type: "line_added", sku, quantity: existing ? target - existing.quantity : target, lineQuantity: target }
      : { type: "quantity_set", sku, quantity: target };
  return { snapshot: { ...snapshot, lines, pending: pendingAfter(snapshot.pending, sku) }, outcomes: [outcome] };
}

function removeLine(snapshot: SaleSnapshot, sku: string): SaleStep {
  const pending = snapshot.pending;
  if (!snapshot.lines.some((l) => l.sku === sku) && pending?.kind === "choose_product" && pending.options.includes(sku))
    return {
      snapshot: { ...snapshot, pending: null },
      outcomes: [{ type: "choice_dropped", options: pending.options }],
    };
  if (!snapshot.lines.some((l) => l.sku === sku)) return { snapshot, outcomes: [{ type: "not_in_cart", sku }] };
  return {
    snapshot: {
      ...snapshot,
      lines: snapshot.lines.filter((l) => l.sku !== sku),
      pending: pendingAfter(snapshot.pending, sku),
    },
    outcomes: [{ type: "line_removed", sku }],
  };
}

/** The line keeps its place and quantity; the sibling must be active and have that many units. */
function replaceLine(snapshot: SaleSnapshot, sku: string, by: string, lookup: CatalogLookup): SaleStep {
  const line = snapshot.lines.find((l) => l.sku === sku);
  if (!line) return { snapshot, outcomes: [{ type: "not_in_cart", sku }] };
  if (sku === by) return { snapshot, outcomes: [] };
  const product = lookup(by);
  if (!product?.active) return { snapshot, outcomes: [{ type: "product_not_found", query: by }] };
  const merged = (snapshot.lines.find((l) => l.sku === by)?.quantity ?? 0) + line.quantity;
  if (merged > product.stock) {
    const pending = product.stock > 0 ? ({ kind: "stock_offer", sku: by, quantity: product.stock } as const) : null;
    return {
      snapshot: { ...snapshot, pending },
      outcomes: [{ type: "stock_insufficient", sku: by, requested: merged, available: product.stock }],
    };
  }
  const replacement: CartLine = { sku: by, name: product.name, quantity: merged, unitPrice: product.price };
  const lines = snapshot.lines.filter((l) => l.sku !== by).map((l) => (l.sku === sku ? replacement : l));
  return {
    snapshot: { ...snapshot, lines, pending: pendingAfter(pendingAfter(snapshot.pending, sku), by) },
    outcomes: [{ type: "line_replaced", sku, by, quantity: merged }],
  };
}

function mergeCustomer(snapshot: SaleSnapshot, data: CustomerData): SaleStep {
  const customer: CustomerData = { ...snapshot.customer };
  const outcomes: SaleOutcome[] = [];
  const updated: CustomerField[] = [];
  const candidate: CustomerData = { ...customer, ...data };
  for (const field of Object.keys(data) as CustomerField[]) {
    const value = data[field];
    if (value === undefined || field === "documentType") continue;
    const reason = validateCustomerField(field, candidate);
    if (reason) outcomes.push({ type: "invalid_field", field, reason });
    else {
      (customer as Record<string, string>)[field] = value.trim();
      if (field === "documentNumber") customer.documentType = data.documentType ?? customer.documentType ?? "CC";
      updated.push(field);
    }
  }
  if (updated.length > 0) outcomes.unshift({ type: "customer_updated", fields: updated });
  return { snapshot: { ...snapshot, customer }, outcomes };
}

/** A cart change, then where the checkout stands (a change after the summary asks for a new confirmation). */
function afterCartChange(snapshot: SaleSnapshot, step: SaleStep, checkout: boolean): SaleStep {
  const changed = step.snapshot.lines !== snapshot.lines;
  // With every datum already given, there is nothing left to ask but the confirmation of the order as it stands.
  const next = settle(step.snapshot, checkout || isCustomerComplete(step.snapshot.customer));
  return changed ? checkoutStep(next, step.outcomes) : { snapshot: next, outcomes: step.outcomes };
}

function confirm(snapshot: SaleSnapshot, shown: string | undefined, lookup: CatalogLookup): SaleStep {
  const pending = snapshot.pending;
  const checkout = inCheckout(snapshot.state);
  if (pending?.kind === "stock_offer") {
    const step = setLine({ ...snapshot, pending: null }, pending.sku, pending.quantity, lookup, "set");
    return afterCartChange(snapshot, step, checkout);
  }
  if (snapshot.state !== "listo_para_finalizar") return applySaleEvent(snapshot, { type: "finish_cart" }, lookup);
  // A yes cannot pick among several products: the open choice is asked again, never replaced by the summary.
  if (pending?.kind === "choose_product")
    return {
      snapshot: { ...snapshot, pending: { ...pending, reminded: true } },
      outcomes: [{ type: "choice_open", options: pending.options, quantity: pending.quantity }],
    };
  const digest = orderDigest(snapshot);
  const answersSummary = pending?.kind === "confirm_order" && pending.digest === digest && shown === digest;
  if (answersSummary) return { snapshot, outcomes: [{ type: "close_requested" }] };
  // The customer said yes to something other than the order as it stands now: show it and ask again.
  return {
    snapshot: { ...snapshot, pending: { kind: "confirm_order", digest } },
    outcomes: [{ type: "reconfirm" }, { type: "ready_to_close" }],
  };
}

/** Applies one event. Cart-changing events keep the checkout phase; see README.md. */
export function applySaleEvent(current: SaleSnapshot | null, event: SaleEvent, lookup: CatalogLookup): SaleStep {
  let snapshot = current ?? newSale();
  if (isTerminal(snapshot.state)) {
    const startsNew = ["start", "add", "choose", "set_quantity"].includes(event.type);
    if (!startsNew) return { snapshot, outcomes: [{ type: "already_closed" }] };
    snapshot = { ...newSale(), customer: snapshot.customer };
  }
  const before = snapshot.state;
  const checkout = inCheckout(before);

  switch (event.type) {
    case "start":
      return { snapshot, outcomes: [] };
    case "add":
    case "set_quantity": {
      // A product given in reply to "which one?" answers it, even when it is none of the options offered.
      const answered =
        event.type === "add" && event.answersChoice && snapshot.pending?.kind === "choose_product"
          ? { ...snapshot, pending: null }
          : snapshot;
      const step = setLine(answered, event.sku, event.quantity, lookup, event.type === "add" ? "add" : "set");
      return advanceChoices(snapshot.pending, afterCartChange(snapshot, step, checkout), event.sku);
    }
    case "remove":
      return advanceChoices(snapshot.pending, afterCartChange(snapshot, removeLine(snapshot, event.sku), checkout));
    case "replace": {
      const step = afterCartChange(snapshot, replaceLine(snapshot, event.sku, event.by, lookup), checkout);
      return advanceChoices(snapshot.pending, step, event.by);
    }
    case "choose": {
      const open = snapshot.pending?.kind === "choose_product" && !snapshot.pending.replaces ? snapshot.pending : null;
      const outcome: SaleOutcome = event.replaces
        ? { type: "ambiguous", options: event.options, quantity: event.quantity }
        : choiceOutcome(event.options, event.quantity);
      if (event.queue && open) {
        const queued = [...(open.queued ?? []), { options: event.options, quantity: event.quantity }];
        return { snapshot: { ...snapshot, pending: { ...open, queued } }, outcomes: [outcome] };
      }
      // A new count or a new question for the open choice keeps the ones waiting behind it.
      const pending: PendingQuestion = event.replaces
        ? { kind: "choose_product", options: event.options, quantity: event.quantity, replaces: event.replaces }
        : choiceQuestion(event.options, event.quantity, open?.queued);
      return { snapshot: { ...snapshot, pending }, outcomes: [outcome] };
    }
    case "product_not_found":
      return { snapshot, outcomes: [{ type: "product_not_found", query: event.query }] };
    case "customer_data": {
      const step = mergeCustomer(snapshot, event.data);
      // Giving personal data with a non-empty cart means the customer is moving to checkout.
      const next = settle(step.snapshot, step.snapshot.lines.length > 0);
      const questionOpen = isShoppingQuestion(next.pending);
      return questionOpen ? { snapshot: next, outcomes: step.outcomes } : checkoutStep(next, step.outcomes);
    }
    case "finish_cart": {
      if (snapshot.lines.length === 0) return { snapshot, outcomes: [{ type: "empty_cart" }] };
      const open = snapshot.pending;
      // A product counted but not yet chosen is not dropped silently by "that's all": asked once more, then
      // dropped, saying so, if the customer finishes again. A lone suggestion with no count was only a question.
      const counted = open?.kind === "choose_product" && !open.replaces && open.quantity !== null;
      if (counted && !open.reminded)
        return {
          snapshot: { ...snapshot, pending: { ...open, reminded: true } },
          outcomes: [{ type: "choice_open", options: open.options, quantity: open.quantity }],
        };
      const waiting = open?.kind === "choose_product" ? (open.queued ?? []) : [];
      const dropped: SaleOutcome[] = [
        ...(counted ? [{ type: "choice_dropped", options: open.options } as const] : []),
        ...waiting.map((q) => ({ type: "choice_dropped", options: q.options }) as const),
      ];
      const next = settle({ ...snapshot, pending: isShoppingQuestion(open) ? null : open }, true);
      const step = checkoutStep(next, dropped);
      // Asked again for the summary it already showed: show the same one (same digest) again.
      if (step.outcomes.length === 0 && step.snapshot.state === "listo_para_finalizar")
        step.outcomes.push({ type: "ready_to_close" });
      return step;
    }
    case "confirm":
      return confirm(snapshot, event.shown, lookup);
    case "refuse": {
      const pending = snapshot.pending;
      if (pending?.kind === "stock_offer") {
        return { snapshot: { ...snapshot, pending: null }, outcomes: [{ type: "offer_declined", sku: pending.sku }] };
      }
      // The summary stays the question: a later "sí" still answers it.
      const keep = pending?.kind === "confirm_order" || pending?.kind === "customer_data" ? pending : null;
      return { snapshot: { ...snapshot, pending: keep }, outcomes: [{ type: "postponed" }] };
    }
    case "cancel":
      return { snapshot: { ...snapshot, state: "cancelada", pending: null }, outcomes: [{ type: "cancelled" }] };
    case "close_confirmed":
      if (before !== "listo_para_finalizar") return { snapshot, outcomes: [] };
      return {
        snapshot: { ...snapshot, state: "cerrada", pending: null },
        outcomes: [{ type: "closed", orderId: event.orderId }],
      };
    case "close_failed": {
      // Stock moved between the summary and the commit: back to shopping, offering what is left.
      const outcomes: SaleOutcome[] = [];
      let pending: SaleSnapshot["pending"] = null;
      for (const conflict of event.conflicts) {
        const line = snapshot.lines.find((l) => l.sku === conflict.sku);
        outcomes.push({
          type: "stock_insufficient",
          sku: conflict.sku,
          requested: line?.quantity ?? 0,
          available: conflict.available,
        });
        if (!pending && conflict.available > 0)
          pending = { kind: "stock_offer", sku: conflict.sku, quantity: conflict.available };
      }
      return { snapshot: { ...snapshot, state: "pendiente", pending }, outcomes };
    }
  }
}

/** Applies several events in order, concatenating outcomes. */
export function applySaleEvents(
  current: SaleSnapshot | null,
  events: readonly SaleEvent[],
  lookup: CatalogLookup,
): SaleStep {
  let snapshot = current ?? newSale();
  const outcomes: SaleOutcome[] = [];
  for (const event of events) {
    const step = applySaleEvent(snapshot, event, lookup);
    snapshot = step.snapshot;
    outcomes.push(...step.outcomes);
  }
  return { snapshot, outcomes };
}
