// The state one hosted turn's tools share. The model proposes through tool calls; every call is checked here
// and, when accepted, becomes a sale-machine event applied to a working copy of the sale. Planning later
// applies the same accepted events to the real sale, so nothing the model says reaches the cart unchecked.

import { applySaleEvent, isTerminal, newSale, orderDigest } from "@/lib/sales/machine";
import type { CatalogLookup, SaleEvent, SaleOutcome, SaleSnapshot } from "@/lib/sales/types";
import type { CatalogIndex } from "../retrieval/catalog-index";
import type { CompanySections } from "../retrieval/company";
import type { CatalogProduct, HistoryTurn } from "../types";
import type { Understanding } from "../understanding/contract";

/** A refused call, returned to the model as a result it can explain to the customer. */
export type ToolRefusal = { ok: false; error: { code: string; message: string; [detail: string]: unknown } };

export type ClientLookupQuery = NonNullable<Understanding["requests"]["clientLookup"]>;

export type ToolSessionInput = {
  catalog: CatalogIndex;
  company: CompanySections;
  history: readonly HistoryTurn[];
  sale: SaleSnapshot | null;
  isStaff: boolean;
  /** What the offline producer read from the same message: the customer's own confirmation is checked there. */
  offline: Understanding;
  /** Staff only: the database lookup behind `lookup_client` (injected, the agent stays DB-free). */
  lookupClient?: (query: ClientLookupQuery) => Promise<unknown>;
};

export type ToolSession = ToolSessionInput & {
  /** The sale as the accepted events left it. */
  working: SaleSnapshot;
  /** The events accepted so far, in order: the hosted understanding's `events`. */
  events: SaleEvent[];
  /** SKUs this conversation's tool results (and earlier answers) gave: the only ones a call may name. */
  knownSkus: Set<string>;
  /** Products the sale tools touched or the last search returned (cards under the answer). */
  mentioned: CatalogProduct[];
  search: string | null;
  sort: "price_asc" | "price_desc" | null;
  companyTopics: string[];
  handover: boolean;
  clientLookup: ClientLookupQuery | null;
  /** Every tool result this turn (the final text may state only what these, or the facts, hold). */
  results: { tool: string; result: unknown }[];
  toolsUsed: string[];
  refusals: { tool: string; code: string }[];
};

export function createToolSession(input: ToolSessionInput): ToolSession {
  const known = new Set<string>();
  for (const turn of input.history) for (const sku of turn.shownSkus ?? []) known.add(sku);
  for (const line of input.sale?.lines ?? []) known.add(line.sku);
  const pending = input.sale?.pending;
  if (pending?.kind === "choose_product") for (const sku of pending.options) known.add(sku);
  if (pending?.kind === "stock_offer") known.add(pending.sku);
  return {
    ...input,
    working: input.sale ?? newSale(),
    events: [],
    knownSkus: known,
    mentioned: [],
    search: null,
    sort: null,
    companyTopics: [],
    handover: false,
    clientLookup: null,
    results: [],
    toolsUsed: [],
    refusals: [],
  };
}

export function refuse(
  session: ToolSession,
  tool: string,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ToolRefusal {
  session.refusals.push({ tool, code });
  return { ok: false, error: { code, message, ...details } };
}

export const lookupOf =
  (session: ToolSession): CatalogLookup =>
  (sku) =>
    session.catalog.bySku(sku);

/** Adds products to the cards shown with the answer (first mention first, no repeats). */
export function mention(session: ToolSession, products: readonly CatalogProduct[]): void {
  for (const p of products) if (!session.mentioned.some((m) => m.sku === p.sku)) session.mentioned.push(p);
}

/** The order as the customer would confirm it: what `request_confirmation` shows and `confirm_order` closes. */
export function orderSummary(snapshot: SaleSnapshot) {
  const lines = snapshot.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    subtotal: l.quantity * l.unitPrice,
  }));
  return {
    state: snapshot.state,
    lines,
    total: lines.reduce((s, l) => s + l.subtotal, 0),
    customer: snapshot.customer,
  };
}

/** Whether the order as it stands now is the summary the customer was shown (the last answer's question). */
export function summaryWasShown(session: ToolSession): boolean {
  const pending = session.sale?.pending;
  if (pending?.kind !== "confirm_order" || !session.sale) return false;
  return pending.digest === orderDigest(session.working) && pending.digest === orderDigest(session.sale);
}

export function openSale(session: ToolSession): boolean {
  return !isTerminal(session.working.state) && session.working.lines.length > 0;
}

/** Outcomes that mean the machine did not do what the call asked. */
const REFUSED_OUTCOMES = new Set<SaleOutcome["type"]>(["product_not_found", "not_in_cart", "already_closed"]);

/**
 * Applies one event to the working sale. An event the machine turned down is not kept; a stock shortfall is kept
 * (the cart stays as it was and the machine offers what there is), but reported as refused.
 */
export function applyEvent(session: ToolSession, event: SaleEvent): { outcomes: SaleOutcome[]; refused: boolean } {
  const step = applySaleEvent(session.working, event, lookupOf(session));
  const refused = step.outcomes.some((o) => REFUSED_OUTCOMES.has(o.type));
  const short = step.outcomes.some((o) => o.type === "stock_insufficient");
  if (!refused) {
    session.working = step.snapshot;
    session.events.push(event);
  }
  return { outcomes: step.outcomes, refused: refused || short };
}
