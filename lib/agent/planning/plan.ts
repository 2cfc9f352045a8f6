// Planning: the understanding value (from the offline producer, or checked from a hosted one) becomes the turn:
// sale events applied through the pure sale machine, products to show, the company's answer, a handover, and
// the facts an answer may state. It never reads prices or quantities of money from the customer's text.

import { applySaleEvents, isTerminal } from "@/lib/sales/machine";
import type { CatalogLookup, SaleOutcome, SaleSnapshot } from "@/lib/sales/types";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { type CompanySections, findCompanySections } from "../retrieval/company";
import { findProducts } from "../retrieval/find";
import type { CatalogProduct, HistoryTurn, Intent } from "../types";
import type { Understanding } from "../understanding/contract";
import { understandOffline } from "../understanding/offline";
import {
  type AnswerFacts,
  emptyFacts,
  type FamilyFact,
  type HandoverReason,
  productFact,
  saleFacts,
} from "../wording/facts";
import { suggestionsFor } from "../wording/suggestions";

export type TurnEffect = { type: "close_order" } | { type: "hand_over"; reason: HandoverReason };

export type TurnInput = {
  text: string;
  /** Last ≤10 turns, oldest first. */
  history: HistoryTurn[];
  sale: SaleSnapshot | null;
  catalog: CatalogIndex;
  company: CompanySections;
  isStaff: boolean;
};

export type TurnPlan = {
  intent: Intent;
  understanding: Understanding;
  products: CatalogProduct[];
  sale: SaleSnapshot | null;
  outcomes: SaleOutcome[];
  effects: TurnEffect[];
  facts: AnswerFacts;
  suggestions: string[];
};

const MENU_FAMILIES = 12;

function familyFacts(catalog: CatalogIndex): FamilyFact[] {
  return catalog
    .families()
    .slice(0, MENU_FAMILIES)
    .map((f) => ({
      name: f.name,
      count: f.count,
      examples: f.skus
        .slice(0, 3)
        .map((s) => catalog.bySku(s)?.name)
        .filter((n): n is string => !!n),
    }));
}

function previousUnderstood(history: readonly HistoryTurn[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i] as HistoryTurn;
    if (turn.role === "user") return turn.understood !== false;
  }
  return true;
}

function handoverReason(u: Understanding, history: readonly HistoryTurn[]): HandoverReason | null {
  if (u.requests.handover) return "asked";
  if (!u.understood && !previousUnderstood(history)) return "not_understood";
  return null;
}

function addRefs(facts: AnswerFacts, catalog: CatalogIndex, skus: Iterable<string>) {
  for (const sku of skus) {
    const product = catalog.bySku(sku);
    if (product && !facts.productRefs[sku]) facts.productRefs[sku] = productFact(product);
  }
}

/** The products a message names, for an answer about something else: each resolved one, a few of each ambiguous. */
function referencedProducts(u: Understanding, catalog: CatalogIndex): CatalogProduct[] {
  const skus = u.references.flatMap((r) =>
    r.resolution === "resolved" && r.sku
      ? [r.sku]
      : r.resolution === "ambiguous"
        ? r.candidates.slice(0, 3).map((c) => c.sku)
        : [],
  );
  return [...new Set(skus)].flatMap((sku) => catalog.bySku(sku) ?? []).slice(0, 5);
}

/** Plans a turn from an understanding value; without one, the offline producer reads the message. */
export function planTurn(
  input: TurnInput,
  given?: { understanding: Understanding; mentioned: CatalogProduct[] },
): TurnPlan {
  const { history, catalog, company } = input;
  const { understanding: u, mentioned } =
    given ?? understandOffline(input.text, { history, sale: input.sale, catalog, isStaff: input.isStaff });
  const intent = u.intent;
  const openSale = input.sale && !isTerminal(input.sale.state) ? input.sale : null;
  const facts = emptyFacts(intent, company.name);
  facts.greeting = u.requests.greeting;
  facts.thanks = u.requests.thanks;
  facts.later = u.requests.later;
  const lookup: CatalogLookup = (sku) => catalog.bySku(sku);
  let sale: SaleSnapshot | null = input.sale;
  let outcomes: SaleOutcome[] = [];
  let products: CatalogProduct[] = [];
  const effects: TurnEffect[] = [];

  const reason = handoverReason(u, history);
  if (reason) {
    effects.push({ type: "hand_over", reason });
    facts.handover = { reason };
  }

  if (intent === "cliente") {
    facts.clientLookup = input.isStaff ? u.requests.clientLookup : null;
    facts.kind = input.isStaff ? "client_lookup" : "client_refused";
  } else if (intent === "contexto") {
    const answer = findCompanySections(company, u.requests.companyTopics);
    if (reason) facts.kind = "handover";
    else if (u.requests.catalogue) facts.kind = "catalogue";
    else if (u.requests.companyTopics.length > 0) {
      facts.company = { name: company.name, ...answer };
      facts.kind = "company";
      // "¿cuánto vale la ducha y cuánto tarda el envío?": the products asked about are answered too.
      products = referencedProducts(u, catalog);
    } else
      facts.kind =
        u.requests.greeting || u.requests.thanks || u.requests.later || u.requests.help ? "greeting" : "fallback";
    if (facts.kind === "catalogue" || facts.kind === "fallback") facts.families = familyFacts(catalog);
  } else if (intent === "inventario") {
    const query = u.search ?? input.text;
    facts.query = query;
    const listing = findProducts(query, catalog, 5, u.requests.sort);
    products = listing.products;
    facts.moreProducts = listing.more;
    if (listing.resolution.nearest.length > 0)
      facts.unavailable = { words: query, nearest: listing.resolution.nearest.map(productFact) };
    if (u.requests.companyTopics.length > 0)
      facts.company = { name: company.name, ...findCompanySections(company, u.requests.companyTopics) };
    if (products.length === 0 && u.requests.catalogue) facts.kind = "catalogue";
    else facts.kind = products.length > 0 ? "products" : "no_results";
    if (facts.kind !== "products") facts.families = familyFacts(catalog);
  } else {
    const step = applySaleEvents(input.sale, u.events, lookup);
    sale = step.snapshot;
    outcomes = step.outcomes;
    products = mentioned.slice(0, 6);
    if (outcomes.some((o) => o.type === "close_requested")) effects.push({ type: "close_order" });
    facts.kind = "sale";
    facts.showCart = u.requests.showCart;
    const missing = u.references.find((r) => r.resolution === "not_found" && r.nearest.length > 0);
    if (missing)
      facts.unavailable = {
        words: missing.words,
        nearest: missing.nearest.flatMap((s) => {
          const p = catalog.bySku(s);
          return p ? [productFact(p)] : [];
        }),
      };
  }

  if (sale && intent === "venta") facts.sale = saleFacts(sale, (sku) => catalog.bySku(sku));
  else if (openSale) facts.sale = saleFacts(openSale, (sku) => catalog.bySku(sku));
  facts.outcomes = outcomes;
  facts.products = products.map(productFact);
  for (const outcome of outcomes) {
    if (outcome.type === "ambiguous") addRefs(facts, catalog, outcome.options);
    else if (outcome.type === "line_replaced") addRefs(facts, catalog, [outcome.sku, outcome.by]);
    else if ("sku" in outcome) addRefs(facts, catalog, [outcome.sku]);
  }
  if (sale?.pending?.kind === "choose_product") addRefs(facts, catalog, sale.pending.options);
  addRefs(
    facts,
    catalog,
    (sale?.lines ?? []).map((l) => l.sku),
  );
  return { intent, understanding: u, products, sale, outcomes, effects, facts, suggestions: suggestionsFor(facts) };
}
