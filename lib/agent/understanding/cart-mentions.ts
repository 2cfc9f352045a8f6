// Cart operations in free text: several products per message, each with its quantity and packaging, plus
// corrections, removals and references to products shown before. Products are resolved through the index.

import { type Clause, readClause, SELF_CORRECTION, splitClauses } from "@/lib/agent/analysis/clauses";
import { analyze, foldText, replaceNumberWords, tokenize } from "@/lib/agent/analysis/normalize";
import { readQuantityFrames } from "@/lib/agent/analysis/quantity-frames";
import { glueSkuMentions } from "@/lib/agent/analysis/sku-mentions";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { type Resolution, resolvePhrase } from "@/lib/agent/retrieval/resolve";
import { ADDITIVE } from "./bare-quantity";
import { servicedCount, splitKinds, withCarriedHead } from "./clause-phrase";

export type CartOpKind = "add" | "set" | "remove";

export type ProductMention = Resolution & {
  phrase: string;
  quantity: number | null;
  /** Packaging word the customer used with the number ("par", "caja"), if any. */
  quantityUnit: string | null;
  /** This item's own operation when it differs from the message's ("que sean 9 gafas y quíteme los tapones"). */
  op?: CartOpKind;
};

export type CartExtraction = {
  kind: CartOpKind;
  mentions: ProductMention[];
  /** A quantity with no product words ("que sean 12", "agrega 3 de esos"). */
  bareQuantity: number | null;
  /** Packaging word spoken with the bare quantity ("10 pares de esos"), if any. */
  bareUnit?: string | null;
  /** Demonstratives pointing at products shown before ("de esos", "el mismo"). */
  reference: boolean;
};

// tú and usted forms with clitics: "quítele", "sáquelos", "cámbieme", "déjelos en".
const REMOVE =
  /\b(quit(a|e|ar)(le|me|los|las|lo|la)?(s)?|sac(a|ar|ale|alos|alas)|saque(le|los|las|me)?|elimin(a|e|ar)(le|lo|los|las)?|borr(a|e|ar)(le|lo|los|las)?|retir(a|e|ar)(le|lo|los|las)?|ya no (quiero|necesito) (los|las|el|la))\b/;
const SET =
  /\b(mejor|que sean|que sea|sean|cambi(a|e|ar)(lo|la|los|las|me|le)?|sub(a|e|ir|ale|ele|anle)|dej(a|e)(lo|la|los|las|me)? en|dejame|dejeme|ponle|ponme|pongale|pongame|corrige|corrija|corrijo|en vez de|en lugar de|solo|solamente|son|serian|eran|era|fueron|sino)\b/;
const REFERENCE =
  /\b(es[oa]s?|est[oa]s?|ese|este|mism[oa]s?|aquel(los|las)?|el primero|la primera|el segundo|la segunda)\b/;

const ARTICLES = new Set(["el", "la", "los", "las"]);
const EACH_CLOSING = /\b(?:c u|c\/u|cada uno|cada una)\s*[.!]*$/;
const PRICE_QUESTION = /^(y )?(cuanto|cuantos|que precio|precio|a como|como)\b/;
// "solo las botas" inside "quite las gafas, solo los guantes" names what stays, not what goes.
const KEEP_ONLY = new Set(["solo", "solamente", "unicamente", "deje", "dejeme", "deja", "dejame"]);

export function detectCartKind(text: string): CartOpKind {
  const folded = foldText(text);
  if (REMOVE.test(folded)) return "remove";
  if (SET.test(folded) && replaceNumberWords(tokenize(folded), { typos: true }).some((t) => /^\d+$/.test(t)))
    return "set";
  return "add";
}

/** In a removal message, the operation a clause states of its own: a new count or an addition; else none. */
function ownOperation(clause: string): CartOpKind | undefined {
  const own = detectCartKind(clause);
  if (own === "remove") return undefined;
  if (own === "set") return "set";
  // "…y agréguele otro detector": a clause of a removal that asks for more of something.
  return ADDITIVE.test(foldText(clause)) ? "add" : undefined;
}

export type CartContext = {
  /** Quantity of the cart's last line, for "un gabinete para cada uno". */ lastLineQuantity: number | null;
};

const SPEAKER_COPULAS = new Set(["soy", "somos", "trabajo", "trabajamos"]);
// After a preposition or an article the word is a noun ("guantes de trabajo", "para el trabajo"), not the speaker.
const NOUN_BEFORE = new Set(["de", "del", "para", "pa", "el", "la", "los", "las", "un", "una", "mi", "su", "al"]);

export function extractCart(
  text: string,
  catalog: CatalogIndex,
  context: CartContext = { lastLineQuantity: null },
): CartExtraction {
  const kind = detectCartKind(text);
  const reference = REFERENCE.test(foldText(text));
  let people: number | null = null;
  const clauses = splitClauses(glueSkuMentions(text, (sku) => catalog.bySku(sku) !== undefined)).flatMap((raw) => {
    const framed = readQuantityFrames(raw.tokens);
    people ??= framed.people;
    // A product joined to the one before by "y" is its own item, never a trailing attribute of it.
    return splitKinds(framed.tokens, catalog).map((tokens, k) => ({
      ...readClause(tokens),
      question: raw.question,
      sameAsBefore: framed.sameAsBefore,
      joinedItem: k > 0,
      fromPeople: false,
    }));
  });
  const hasProduct = (c: Clause) => analyze(c.phraseTokens.join(" ")).length > 0;
  // "y una eslinga por cada uno": the repeat cue takes the quantity said before, else the cart's last line's.
  for (const [i, clause] of clauses.entries()) {
    if (!clause.sameAsBefore || (clause.quantity !== null && clause.quantity !== 1)) continue;
    const before = clauses.slice(0, i).findLast((c) => c.quantity !== null && !c.sameAsBefore)?.quantity;
    clause.quantity = before ?? context.lastLineQuantity ?? clause.quantity;
  }
  // "2 linternas con sus estuches": an item brought by «con» without a count is one per item before it.
  for (const [i, clause] of clauses.entries())
    if (clause.tokens[0] === "con" && clause.quantity === null && i > 0)
      clause.quantity = clauses[i - 1]?.quantity ?? null;
  if (people !== null)
    for (const clause of clauses)
      if (hasProduct(clause) && clause.quantity === null) Object.assign(clause, { quantity: people, fromPeople: true });
  const uncounted = (c: (typeof clauses)[number]) => c.quantity === null || c.fromPeople;

  // "unos guantes que aíslan, los dieléctricos": an ambiguous afterthought that fits the product just named.
  const restates = (previous: Clause, clause: Clause): boolean => {
    if (!hasProduct(previous) || !hasProduct(clause) || !ARTICLES.has(clause.phraseTokens[0] ?? "")) return false;
    const named = resolvePhrase(previous.phraseTokens.join(" "), catalog).resolved;
    const again = resolvePhrase(clause.phraseTokens.join(" "), catalog);
    if (named === null) return false;
    return again.resolved ? again.resolved.sku === named.sku : again.hits.some((h) => h.product.sku === named.sku);
  };
  // "…, con su estuche": a clause naming a kind of its own is another item, not the previous one's attribute.
  const namesOtherKind = (previous: Clause, clause: Clause): boolean => {
    const kind = resolvePhrase(clause.phraseTokens.join(" "), catalog).kind;
    return kind !== null && kind !== resolvePhrase(previous.phraseTokens.join(" "), catalog).kind;
  };
  // Merge "botas de caucho, 30 pares": a clause with only a quantity lends it to its neighbour.
  const merged: typeof clauses = [];
  let correctionPending = false;
  let corrected = clauses.some((c) => c.corrected);
  for (const clause of clauses) {
    const previous = merged[merged.length - 1];
    const productless = !hasProduct(clause);
    const correcting = productless && clause.tokens.some((t) => SELF_CORRECTION.has(t));
    if (productless && clause.quantity === null && correcting) {
      correctionPending = true;
      continue;
    }
    if (
      previous &&
      productless &&
      clause.quantity !== null &&
      previous.quantity !== null &&
      hasProduct(previous) &&
      (correcting || correctionPending)
    ) {
      previous.quantity = clause.quantity;
      if (clause.unit) previous.unit = clause.unit;
      correctionPending = false;
      corrected = true;
      continue;
    }
    correctionPending = false;
    // "¿Tienen la pinza para 6 candados? necesito 5": the number said after the question is the order.
    if (previous?.question && !clause.question && productless && clause.quantity !== null && hasProduct(previous)) {
      previous.quantity = clause.quantity;
      previous.unit = clause.unit;
      continue;
    }
    // "somos una empresa de …, y queremos …": the speaker describing themselves names no product to buy.
    // ("somos 4 pintores" counts people: left to the frames that read it).
    const counted = clause.tokens.some((t) => /^\d+$/.test(t) && t !== "1");
    if (
      !counted &&
      clause.tokens.slice(0, 3).some((t, i) => SPEAKER_COPULAS.has(t) && !NOUN_BEFORE.has(clause.tokens[i - 1] ?? ""))
    )
      continue;
    // "quiero 2 extintores de CO2 y ¿cuánto sale la recarga?": a price question beside an order is not a line.
    if (clause.question && clause.quantity === null && PRICE_QUESTION.test(clause.tokens.join(" "))) {
      if (clauses.some((c) => c !== clause && c.quantity !== null && hasProduct(c))) continue;
    }
    if (previous && uncounted(clause) && uncounted(previous) && restates(previous, clause)) {
      previous.phraseTokens.push(...clause.phraseTokens);
      continue;
    }
    const each = clause.tokens.findIndex((t, i) => t === "de" && clause.tokens[i + 1] === "cada");
    if (clause.quantity !== null && each >= 0 && merged.some(hasProduct)) {
      // "me manda dos de cada uno": the number goes to every product already named.
      for (const c of merged) if (hasProduct(c)) c.quantity = clause.quantity;
      continue;
    }
    if (
      previous &&
      clause.quantity === null &&
      hasProduct(clause) &&
      previous.quantity === null &&
      hasProduct(previous) &&
      !hasProduct({ ...clause, phraseTokens: clause.phraseTokens.slice(0, clause.phraseTokens.indexOf("para")) }) &&
      clause.phraseTokens.includes("para")
    )
      continue; // "…, es para el taller": a purpose remark, not another product.
    if (
      previous &&
      clause.quantity !== null &&
      !hasProduct(clause) &&
      previous.quantity === null &&
      hasProduct(previous)
    ) {
      previous.quantity = clause.quantity;
      previous.unit = clause.unit;
    } else if (
      previous &&
      clause.quantity === null &&
      hasProduct(clause) &&
      previous.quantity !== null &&
      !hasProduct(previous)
    ) {
      previous.phraseTokens.push(...clause.phraseTokens);
    } else if (
      previous &&
      clause.quantity === null &&
      hasProduct(clause) &&
      !clause.joinedItem &&
      previous.quantity !== null &&
      hasProduct(previous) &&
      !namesOtherKind(previous, clause)
    ) {
      // "5 cascos blancos, tipo I" — a trailing attribute belongs to the previous product.
      previous.phraseTokens.push(...clause.phraseTokens);
    } else merged.push(clause);
  }
  // "3 arneses con su eslinga y mosquetón c/u": a closing "cada uno" counts every uncounted item as the counted one.
  const counts = new Set(merged.filter((c) => hasProduct(c) && c.quantity !== null).map((c) => c.quantity));
  if (EACH_CLOSING.test(foldText(text)) && counts.size === 1)
    for (const clause of merged)
      if (hasProduct(clause) && clause.quantity === null) clause.quantity = [...counts][0] ?? null;

  const kept = kind === "remove" ? merged.filter((c) => !KEEP_ONLY.has(c.tokens[0] ?? "")) : merged;
  const mentions: ProductMention[] = [];
  let bareQuantity: number | null = null;
  let bareUnit: string | null = null;
  for (const clause of kept) {
    if (!hasProduct(clause)) {
      if (clause.quantity !== null && bareQuantity === null) {
        bareQuantity = clause.quantity;
        bareUnit = clause.unit;
      }
      continue;
    }
    const { phrase, resolution } = withCarriedHead(clause, kept, catalog);
    if (resolution.hits.length === 0) {
      // Words that name nothing beside a number ("ay, espere… que sean 30"): the number is the message's.
      if (clause.quantity !== null && bareQuantity === null && (reference || kind === "set")) {
        bareQuantity = clause.quantity;
        bareUnit = clause.unit;
      } else mentions.push({ phrase, quantity: clause.quantity, quantityUnit: clause.unit, ...resolution });
      continue;
    }
    const quantity = clause.quantity ?? servicedCount(clause, resolution.resolved);
    // In a removal, a clause that sets a count of its own and removes nothing is a count for its item.
    const op = kind === "remove" ? ownOperation(clause.tokens.join(" ")) : undefined;
    mentions.push({ phrase, quantity, quantityUnit: clause.unit, ...resolution, ...(op ? { op } : {}) });
  }
  // A number fixed inside the message is still an addition, not a change of the open cart.
  const finalKind =
    corrected && kind === "set" ? detectCartKind(kept.map((c) => c.tokens.join(" ")).join(" , ")) : kind;
  return { kind: finalKind === "set" && corrected ? "add" : finalKind, mentions, bareQuantity, bareUnit, reference };
}
