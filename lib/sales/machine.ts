// Pure sale reducer: (snapshot, event, catalog) → next snapshot + outcome notes. No I/O, no clocks.

import type {
  CartLine,
  CatalogLookup,
  CustomerData,
  CustomerField,
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

/** Outcomes that tell the customer where the checkout stands after a change. */
function checkoutNotes(before: SaleState, after: SaleSnapshot, changed: boolean): SaleOutcome[] {
  if (after.state === "listo_para_finalizar" && (before !== "listo_para_finalizar" || changed))
    return [{ type: "ready_to_close" }];
  if (after.state === "recolectando_datos") return [{ type: "missing_fields", fields: missingFields(after.customer) }];
  return [];
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
  return { snapshot: { ...snapshot, lines, pending: null }, outcomes: [outcome] };
}

function removeLine(snapshot: SaleSnapshot, sku: string): SaleStep {
  if (!snapshot.lines.some((l) => l.sku === sku)) return { snapshot, outcomes: [{ type: "not_in_cart", sku }] };
  return {
    snapshot: { ...snapshot, lines: snapshot.lines.filter((l) => l.sku !== sku) },
    outcomes: [{ type: "line_removed", sku }],
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
    case "set_quantity":
    case "remove": {
      const step =
        event.type === "remove"
          ? removeLine(snapshot, event.sku)
          : setLine(snapshot, event.sku, event.quantity, lookup, event.type === "add" ? "add" : "set");
      const next = settle(step.snapshot, checkout);
      const changed = step.snapshot.lines !== snapshot.lines;
      return { snapshot: next, outcomes: [...step.outcomes, ...(changed ? checkoutNotes(before, next, true) : [])] };
    }
    case "choose": {
      const pending = { kind: "choose_product", options: event.options, quantity: event.quantity } as const;
      const outcome: SaleOutcome =
        event.options.length === 1 && event.quantity === null
          ? { type: "quantity_missing", sku: event.options[0] as string }
          : { type: "ambiguous", options: event.options, quantity: event.quantity };
      return { snapshot: { ...snapshot, pending }, outcomes: [outcome] };
    }
    case "product_not_found":
      return { snapshot, outcomes: [{ type: "product_not_found", query: event.query }] };
    case "customer_data": {
      const step = mergeCustomer(snapshot, event.data);
      // Giving personal data with a non-empty cart means the customer is moving to checkout.
      const next = settle(step.snapshot, step.snapshot.lines.length > 0);
      return { snapshot: next, outcomes: [...step.outcomes, ...checkoutNotes(before, next, false)] };
    }
    case "finish_cart": {
      if (snapshot.lines.length === 0) return { snapshot, outcomes: [{ type: "empty_cart" }] };
      const next = settle({ ...snapshot, pending: null }, true);
      return { snapshot: next, outcomes: checkoutNotes(before, next, before !== "listo_para_finalizar") };
    }
    case "confirm": {
      const pending = snapshot.pending;
      if (pending?.kind === "stock_offer") {
        const step = setLine({ ...snapshot, pending: null }, pending.sku, pending.quantity, lookup, "set");
        const next = settle(step.snapshot, checkout);
        return { snapshot: next, outcomes: [...step.outcomes, ...checkoutNotes(before, next, true)] };
      }
      if (before === "listo_para_finalizar") return { snapshot, outcomes: [{ type: "close_requested" }] };
      return applySaleEvent(snapshot, { type: "finish_cart" }, lookup);
    }
    case "refuse": {
      const pending = snapshot.pending;
      if (pending?.kind === "stock_offer") {
        return { snapshot: { ...snapshot, pending: null }, outcomes: [{ type: "offer_declined", sku: pending.sku }] };
      }
      return { snapshot: { ...snapshot, pending: null }, outcomes: [{ type: "postponed" }] };
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
