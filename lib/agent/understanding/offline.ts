// The offline producer of the understanding value: one analysis pass over the message (customer data, product
// clauses, signals, company topics), read against the conversation (the sale, its pending question, what the
// last answer showed), then intent, sale events, product references and a confidence.

import { isTerminal } from "@/lib/sales/machine";
import type { SaleSnapshot } from "@/lib/sales/types";
import { missingFields } from "@/lib/sales/validation";
import { expandChatAbbreviations } from "../analysis/chat-text";
import { extractCustomerData, hasCustomerData } from "../analysis/customer-data";
import { analyze, foldText, replaceNumberWords, stem, tokenize } from "../analysis/normalize";
import { isCapitalisedName } from "../analysis/person-name";
import { readPrices } from "../analysis/prices";
import { readSignals } from "../analysis/signals";
import type { CatalogIndex } from "../retrieval/catalog-index";
import {
  companyTopicsBeside,
  companyTopicsIn,
  isServiceQuestion,
  topicWeightBesideProduct,
} from "../retrieval/company";
import type { CatalogProduct, HistoryTurn } from "../types";
import { type CartExtraction, extractCart } from "./cart-mentions";
import { asksAboutClient, clientLookupFrom } from "./client-lookup";
import type { ProductReference, Understanding } from "./contract";
import {
  carryAskedAttributes,
  inventoryQuery,
  lastShownProducts,
  narrowToTopic,
  offeredQuantity,
  pinpointedProduct,
  previousUserTurn,
  purposeOnlyCount,
} from "./history-context";
import { asksToCompare, classifyIntent, type MessageFeatures, readsAsQuestion } from "./intent";
import { pickAmong, pickByPosition, pickQuantity } from "./option-picks";
import { saleEventsFor } from "./sale-events";
import { swapCue } from "./sibling-swap";

export type UnderstandingContext = {
  /** Last ≤10 turns, oldest first. */
  history: HistoryTurn[];
  sale: SaleSnapshot | null;
  catalog: CatalogIndex;
  isStaff: boolean;
};

/** What planning needs besides the contract value: products to show for the sale step. */
export type OfflineUnderstanding = { understanding: Understanding; mentioned: CatalogProduct[] };

// "que sean 15 y no 10", "15 en vez de 10": the number being replaced names the line.
// The old count a correction names: "… y no 10", "en vez de 10", "no eran 10 sino …" (the verb of the old count
// is skipped, so the "no" of the contrast is not a refusal).
const REPLACED_QUANTITY =
  /\b(?:y no|no|en vez de|en lugar de)\s+(?:(?:eran|era|son|es|fueron|seran|serian|pedi|puse|dije)\s+)?(?:los |las |el |la )?(\d+|[a-z]{3,})\b(?!\s+de\b)/g;

function references(cart: CartExtraction): ProductReference[] {
  return cart.mentions.map((m) => ({
    words: m.phrase,
    attributes: [...m.unmet],
    quantity: m.quantity,
    packaging: m.quantityUnit,
    candidates: m.hits.slice(0, 8).map((h) => ({ sku: h.product.sku, score: Math.round(h.score * 100) / 100 })),
    resolution: m.resolved ? "resolved" : m.ambiguous ? "ambiguous" : "not_found",
    sku: m.resolved?.sku ?? null,
    nearest: m.nearest.map((p) => p.sku),
  }));
}

/**
 * Whether a word of the message is one of the named products' own words. Same stem counts ("recargar" for a
 * "Recarga …"), except a noun of the other gender: "correo" shares its stem with "correa" but is another word.
 */
function productWordTest(cart: CartExtraction): (word: string) => boolean {
  const words = new Set<string>();
  for (const m of cart.mentions)
    for (const p of m.resolved ? [m.resolved] : m.options.slice(0, 3))
      for (const w of tokenize(`${p.name} ${p.synonyms.join(" ")} ${p.description}`)) words.add(singular(w));
  const stems = new Set([...words].map(stem));
  return (word) => {
    const own = singular(word);
    if (words.has(own)) return true;
    const otherGender = /[oa]$/.test(own) ? `${own.slice(0, -1)}${own.endsWith("o") ? "a" : "o"}` : null;
    return stems.has(stem(own)) && !(otherGender && words.has(otherGender));
  };
}

const singular = (word: string) => word.replace(/(?<=[rlndjz])es$|(?<!s)s$/, "");

/** "un extintor" counts one only grammatically; "un par de", "una docena", a typed "1" are real counts. */
function articleOnly(text: string, named: readonly { quantity: number | null }[]): boolean {
  const folded = foldText(text);
  const counted = /\b(un|una|uno) (par|docena|decena|caja|rollo|paquete|galon)\b/.test(folded) || /\b1\b/.test(folded);
  const quantities = named.map((m) => m.quantity).filter((q) => q !== null);
  return !counted && quantities.length > 0 && quantities.every((q) => q === 1) && /\b(un|una|uno)\b/.test(folded);
}

export function understandOffline(rawText: string, ctx: UnderstandingContext): OfflineUnderstanding {
  const { catalog, history } = ctx;
  const text = expandChatAbbreviations(rawText);
  const openSale = ctx.sale && !isTerminal(ctx.sale.state) ? ctx.sale : null;
  const pending = openSale?.pending ?? null;
  const inCheckout = openSale !== null && openSale.lines.length > 0 && openSale.state !== "pendiente";
  const expected =
    pending?.kind === "customer_data" ? pending.fields : inCheckout ? missingFields(openSale.customer) : [];
  const capitalised = isCapitalisedName(text);
  const namesKind = analyze(text).some((t) => catalog.kindNamed(t, { typos: false }));
  // After «anything else?» the customer may start with their name before being asked for it; a message that is
  // only capitalised name words naming no product is the customer introducing themself.
  const nameLikely =
    (openSale?.state === "pendiente" && openSale.lines.length > 0 && pending === null) || (capitalised && !namesKind);
  let customer = extractCustomerData(text, { expected, nameLikely });
  // A reply that reads as a bare name but names a product is the product ("botas dieléctricas").
  // Capitalised words are a person's name even when one sounds like a product ("Diana Zapata").
  if (customer.bare.includes("name") && !capitalised && namesKind)
    customer = extractCustomerData(text, { expected: expected.filter((f) => f !== "name") });
  const restFolded = foldText(customer.rest);
  // The first "no N" whose N is a number: "no, mire, eran 9 no 4" names 4, not the interjection.
  const countOf = (m: RegExpMatchArray) => Number(replaceNumberWords([m[1] as string], { typos: true })[0]);
  const replaced = [...restFolded.matchAll(REPLACED_QUANTITY)].find((m) => Number.isInteger(countOf(m)));
  const replacedQuantity = replaced ? countOf(replaced) : Number.NaN;
  const rest = Number.isInteger(replacedQuantity) ? restFolded.replace(replaced?.[0] ?? "", " ") : customer.rest;
  const lastShown = lastShownProducts(history, catalog);
  const shownPrices = new Set([...lastShown.map((p) => p.price), ...(openSale?.lines.map((l) => l.unitPrice) ?? [])]);
  const priced = readPrices(rest, shownPrices);
  const cart = extractCart(priced.text, catalog, { lastLineQuantity: openSale?.lines.at(-1)?.quantity ?? null });
  narrowToTopic(cart, history, catalog);
  carryAskedAttributes(cart, history, lastShown, catalog);
  purposeOnlyCount(cart, lastShown);
  // The contrast of a correction ("no eran 6 sino 4") is not a refusal.
  const signals = readSignals(Number.isInteger(replacedQuantity) ? rest : text);
  const previousIntent = previousUserTurn(history)?.intent;

  const topics = companyTopicsIn(text);
  const ownTopics = topics.length > 0 ? companyTopicsBeside(text, productWordTest(cart)) : [];
  const named = cart.mentions.filter((m) => m.resolved || m.ambiguous || m.nearest.length > 0);
  const numeric = replaceNumberWords(tokenize(text), { typos: true }).join(" ");
  // "sí, por favor" or "agréguelos" right after an answer that showed products and offered them: the customer
  // takes what was offered. Only with no cart and no question open, where nothing else could be meant.
  const offerOpen =
    previousIntent === "inventario" && lastShown.length > 0 && (openSale?.lines.length ?? 0) === 0 && !pending;
  const takesShown =
    offerOpen &&
    named.length === 0 &&
    !signals.thanks &&
    !readsAsQuestion(text) &&
    (signals.takeIt || (signals.confirm && !signals.weakYes));
  const features: MessageFeatures = {
    numeric,
    folded: foldText(text)
      .replace(/[¿?¡!]/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    signals,
    // A city alone ("el tráfico en Palmira") is not the customer giving their data.
    hasCustomerData: hasCustomerData({ ...customer.data, city: undefined }),
    cartKind: cart.kind,
    mentionsProduct: named.length > 0,
    productQuantity: named.some((m) => m.quantity !== null),
    bareCount: cart.bareQuantity !== null,
    articleQuantity: articleOnly(text, named),
    companyTopics: ownTopics.length > 0 ? topicWeightBesideProduct(ownTopics) : 0,
    labelOnlyTopics: topics.length - ownTopics.length,
    serviceQuestion: isServiceQuestion(text),
    clientLookup: asksAboutClient(text),
    picksOption:
      (pending?.kind === "choose_product" && pickAmong(customer.rest, pending.options, catalog) !== null) ||
      (lastShown.length > 1 &&
        pickQuantity(cart) !== null &&
        pickByPosition(
          customer.rest,
          lastShown.map((p) => p.sku),
          catalog,
        ) !== null),
    swapCue: swapCue(customer.rest),
    takesShown,
    quantityLines: text
      .split(/\r?\n/)
      .filter((l) => /^\s*[-•*]?\s*\d+\s+\S+/.test(replaceNumberWords(tokenize(l), { typos: true }).join(" "))).length,
    question: readsAsQuestion(text),
    comparing: asksToCompare(text),
  };
  const { intent, margin } = classifyIntent(features, {
    saleState: ctx.sale?.state ?? null,
    hasOpenCart: (openSale?.lines.length ?? 0) > 0,
    previousIntent,
    awaitingAnswer: pending !== null,
    shownProducts: previousIntent === "inventario" ? lastShown.length : 0,
    productOnTable: lastShown.length > 0 || pending?.kind === "stock_offer",
  });

  const sale =
    intent === "venta"
      ? saleEventsFor({
          text,
          numeric,
          signals,
          customer,
          cart,
          sale: ctx.sale,
          catalog,
          lastShown,
          pinpointed: pinpointedProduct(history, lastShown, catalog),
          replacedQuantity: Number.isInteger(replacedQuantity) ? replacedQuantity : null,
          takesShown,
          offeredQuantity: takesShown ? offeredQuantity(history, lastShown, catalog) : null,
        })
      : { events: [], mentioned: [], answers: null };
  const companyTopics = intent === "contexto" ? (ownTopics.length > 0 ? ownTopics : topics) : [];
  const catalogue = signals.catalogue && named.length === 0;
  const handover = signals.handover;
  // Declining or putting off with no order open ("no gracias", "lo voy a pensar") needs only a kind word.
  const later = intent === "contexto" && signals.refuse && openSale === null && companyTopics.length === 0;
  const understoodSale = sale.events.some((e) => e.type !== "start") || named.length > 0 || signals.showCart;
  const understood =
    intent === "cliente" ||
    (intent === "venta" && understoodSale) ||
    (intent === "inventario" &&
      (named.length > 0 || catalogue || analyze(cart.mentions[0]?.phrase ?? "").length > 0)) ||
    (intent === "contexto" &&
      (companyTopics.length > 0 || signals.greeting || signals.thanks || later || handover || catalogue));
  const ambiguous = cart.mentions.some((m) => m.ambiguous);
  const confidence = !understood
    ? 0.2
    : Math.round(100 * Math.min(1, 0.55 + 0.45 * margin) * (ambiguous ? 0.8 : 1)) / 100;

  const understanding: Understanding = {
    producer: "offline",
    intent,
    confidence,
    understood,
    references: references(cart),
    events: sale.events,
    answers: sale.answers,
    customer: customer.data,
    requests: {
      greeting: signals.greeting,
      thanks: signals.thanks,
      later,
      handover,
      showCart: signals.showCart && sale.events.every((e) => e.type === "start"),
      catalogue,
      help: signals.help,
      sort: signals.cheapest ? "price_asc" : signals.priciest ? "price_desc" : null,
      quote: signals.quote,
      companyTopics,
      clientLookup: intent === "cliente" && ctx.isStaff ? clientLookupFrom(text) : null,
    },
    search: intent === "inventario" ? inventoryQuery(text, history, catalog) : null,
  };
  return { understanding, mentioned: sale.mentioned };
}
