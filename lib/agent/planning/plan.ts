// planTurn: the deterministic per-message brain. Decides intent, products, sale changes and the
// facts an answer may state. It never reads prices or quantities of money from the customer's text.

import { applySaleEvents, isTerminal } from "@/lib/sales/machine";
import type { CatalogLookup, SaleOutcome, SaleSnapshot } from "@/lib/sales/types";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { expandChatAbbreviations } from "@/lib/agent/analysis/chat-text";
import { classifyIntent } from "@/lib/agent/understanding/intent";
import { clientLookupFrom } from "@/lib/agent/understanding/client-lookup";
import { type CompanySections, findCompanySections } from "@/lib/agent/retrieval/company";
import { extractCart, resolvePhrase } from "@/lib/agent/understanding/cart-mentions";
import { extractCustomerData } from "@/lib/agent/analysis/customer-data";
import { type AnswerFacts, emptyFacts, productFact, saleFacts } from "@/lib/agent/wording/facts";
import { analyze, foldText, tokenize } from "@/lib/agent/analysis/normalize";
import { saleEventsFor } from "@/lib/agent/understanding/sale-events";
import { isGreeting, isThanks } from "@/lib/agent/analysis/signals";
import { suggestionsFor } from "@/lib/agent/wording/suggestions";
import type { CatalogProduct, HistoryTurn, Intent } from "@/lib/agent/types";

export type TurnEffect = { type: "close_order" };

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
  products: CatalogProduct[];
  sale: SaleSnapshot | null;
  outcomes: SaleOutcome[];
  effects: TurnEffect[];
  facts: AnswerFacts;
  suggestions: string[];
};

const SKU_IN_TEXT = /\b[A-Z]{3}-\d{3}\b/g;
const GENERIC_CATALOG =
  /\b(que|cuales) (productos|cosas|articulos|referencias)\b|\bcatalogo\b|\bque (venden|manejan|tienen)\s*$/;

/** Products the previous answer showed, for "de esos" and choices: structured SKUs, else SKUs in its text. */
function lastShownProducts(history: readonly HistoryTurn[], catalog: CatalogIndex): CatalogProduct[] {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i] as HistoryTurn;
    if (turn.role !== "assistant") continue;
    const skus = [...new Set(turn.shownSkus ?? turn.text.match(SKU_IN_TEXT) ?? [])];
    return skus.map((s) => catalog.bySku(s)).filter((p): p is CatalogProduct => !!p);
  }
  return [];
}

/** The one shown product the previous question pinpointed ("¿y amarillos?" → the yellow helmet), if any. */
function pinpointedProduct(
  history: readonly HistoryTurn[],
  shown: readonly CatalogProduct[],
  catalog: CatalogIndex,
): CatalogProduct | null {
  if (shown.length === 0) return null;
  let at = -1;
  for (let i = history.length - 1; i >= 0 && at < 0; i--) if (history[i]?.role === "user") at = i;
  const previous = history[at];
  if (!previous || (previous.intent !== "inventario" && previous.intent !== "venta")) return null;
  const query = inventoryQuery(expandChatAbbreviations(previous.text), history.slice(0, at), catalog);
  const { resolved } = resolvePhrase(query, catalog);
  return resolved && shown.some((p) => p.sku === resolved.sku) ? resolved : null;
}

function previousUserTurn(history: readonly HistoryTurn[]): HistoryTurn | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]?.role === "user") return history[i];
  return undefined;
}

type ProductSignals = { mentions: boolean; withQuantity: boolean; labelWords: Set<string> };

function productSignals(text: string, catalog: CatalogIndex): ProductSignals {
  const rest = extractCustomerData(text).rest;
  const found = catalog.search(rest, { limit: 1 })[0];
  // A number alone ("mil gracias" → 1000 → "1000 V") does not name a product.
  const worded = analyze(rest).some((t) => /^[a-z]/.test(t));
  const top = found && worded && !found.guess && found.coverage >= 0.5 && found.score >= 2 ? found : undefined;
  // Several products in one message dilute coverage; look clause by clause.
  const cart = extractCart(rest, catalog);
  const named = cart.mentions.filter((m) => m.hits.length > 0);
  // The words that name those products ("tarjetas de bloqueo") are not company topics ("tarjeta").
  const labelWords = new Set<string>();
  const products = [top?.product, ...named.flatMap((m) => (m.resolved ? [m.resolved] : m.hits.map((h) => h.product)))];
  for (const product of products)
    if (product) for (const word of tokenize(`${product.name} ${product.synonyms.join(" ")}`)) labelWords.add(word);
  return {
    mentions: !!top || named.length > 0,
    withQuantity: named.some((m) => m.quantity !== null),
    labelWords,
  };
}

/** "¿y en amarillo?" after "cascos": search with the previous question's words too. */
function inventoryQuery(text: string, history: readonly HistoryTurn[], catalog: CatalogIndex): string {
  const previous = previousUserTurn(history);
  if (!previous || (previous.intent !== "inventario" && previous.intent !== "venta")) return text;
  const folded = foldText(text);
  const followUp = /^(y|y en|y de|y el|y la|en|de|el|la|los|las|pero)\b/.test(folded) || analyze(text).length <= 1;
  if (!followUp) return text;
  const alone = catalog.search(text, { limit: 1 })[0];
  const combined = `${expandChatAbbreviations(previous.text)} ${text}`;
  const together = catalog.search(combined, { limit: 1 })[0];
  if (!together || (alone && alone.coverage === 1 && alone.score >= together.score * 0.8 && !/^y\b/.test(folded)))
    return text;
  return combined;
}

export function planTurn(input: TurnInput): TurnPlan {
  const { history, catalog, company } = input;
  const text = expandChatAbbreviations(input.text);
  const openSale = input.sale && !isTerminal(input.sale.state) ? input.sale : null;
  const lastShown = lastShownProducts(history, catalog);
  const signals = productSignals(text, catalog);
  const previousIntent = previousUserTurn(history)?.intent;
  const intent = classifyIntent(text, {
    saleState: input.sale?.state ?? null,
    hasOpenCart: (openSale?.lines.length ?? 0) > 0,
    previousIntent,
    mentionsProduct: signals.mentions,
    awaitingAnswer: openSale?.pending != null,
    productQuantity: signals.withQuantity,
    shownProducts: previousIntent === "inventario" ? lastShown.length : 0,
    productLabelWords: signals.labelWords,
  });
  const facts = emptyFacts(intent, company.name);
  facts.greeting = isGreeting(text);
  facts.thanks = isThanks(text);
  const lookup: CatalogLookup = (sku) => catalog.bySku(sku);
  const unitOf = (sku: string) => catalog.bySku(sku)?.unit ?? "unidad";
  let sale: SaleSnapshot | null = input.sale;
  let outcomes: SaleOutcome[] = [];
  let products: CatalogProduct[] = [];
  const effects: TurnEffect[] = [];

  if (intent === "cliente") {
    facts.clientLookup = input.isStaff ? clientLookupFrom(text) : null;
    facts.kind = input.isStaff ? "client_lookup" : "client_refused";
  } else if (intent === "contexto") {
    const answer = findCompanySections(company, text);
    facts.company = { name: company.name, ...answer };
    facts.kind = answer.sections.length > 0 ? "company" : facts.greeting ? "greeting" : "fallback";
    if (facts.kind === "fallback") facts.categories = catalog.categories();
  } else if (intent === "inventario") {
    const query = inventoryQuery(text, history, catalog);
    facts.query = query;
    const hits = catalog.search(query, { limit: 5 }).filter((h) => h.coverage >= 0.5);
    products = hits.map((h) => h.product);
    if (products.length === 0 && GENERIC_CATALOG.test(foldText(text).replace(/[¿?]/g, "").trim()))
      facts.kind = "categories";
    else facts.kind = products.length > 0 ? "products" : "no_results";
    if (facts.kind !== "products") facts.categories = catalog.categories();
  } else {
    const pinpointed = pinpointedProduct(history, lastShown, catalog);
    const { events, mentioned } = saleEventsFor({ text, sale: input.sale, catalog, lastShown, pinpointed });
    const step = applySaleEvents(input.sale, events, lookup);
    sale = step.snapshot;
    outcomes = step.outcomes;
    products = mentioned.slice(0, 5);
    if (outcomes.some((o) => o.type === "close_requested")) effects.push({ type: "close_order" });
    facts.kind = "sale";
  }

  if (sale && intent === "venta") facts.sale = saleFacts(sale, unitOf);
  else if (openSale) facts.sale = saleFacts(openSale, unitOf);
  facts.outcomes = outcomes;
  facts.products = products.map(productFact);
  for (const outcome of outcomes) {
    const skus = outcome.type === "ambiguous" ? outcome.options : "sku" in outcome ? [outcome.sku] : [];
    for (const sku of skus) {
      const product = catalog.bySku(sku);
      if (product) facts.productRefs[sku] = productFact(product);
    }
  }
  const pendingOptions = sale?.pending?.kind === "choose_product" ? sale.pending.options : [];
  for (const sku of pendingOptions) {
    const product = catalog.bySku(sku);
    if (product && !facts.productRefs[sku]) facts.productRefs[sku] = productFact(product);
  }
  for (const line of sale?.lines ?? []) {
    const product = catalog.bySku(line.sku);
    if (product && !facts.productRefs[line.sku]) facts.productRefs[line.sku] = productFact(product);
  }
  return { intent, products, sale, outcomes, effects, facts, suggestions: suggestionsFor(facts) };
}
