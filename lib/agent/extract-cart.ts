// Cart operations in free text: "5 cascos blancos y 10 pares de guantes de vaqueta",
// "mejor que sean 12", "quita los de nitrilo". Products are resolved through the catalog index.

import type { CatalogIndex, SearchHit } from "./catalog-index";
import { analyze, canonicalUnit, foldText, replaceNumberWords, tokenize } from "./normalize";
import { resolvePhrase } from "./resolve-phrase";
import { glueSkuMentions } from "./sku-mentions";
import type { CatalogProduct } from "./types";

export { resolvePhrase } from "./resolve-phrase";

export type CartOpKind = "add" | "set" | "remove";

export type ProductMention = {
  phrase: string;
  quantity: number | null;
  /** Packaging word the customer used with the number ("par", "caja"), if any. */
  quantityUnit: string | null;
  hits: SearchHit[];
  resolved: CatalogProduct | null;
  ambiguous: boolean;
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
  /\b(mejor|que sean|que sea|cambi(a|e|ar)(lo|la|los|las|me|le)?|dej(a|e)(lo|la|los|las|me)? en|dejame|dejeme|ponle|ponme|pongale|pongame|corrige|corrija|corrijo|en vez de|en lugar de|solo|solamente|son|serian)\b/;
const REFERENCE =
  /\b(es[oa]s?|est[oa]s?|ese|este|mism[oa]s?|aquel(los|las)?|el primero|la primera|el segundo|la segunda)\b/;

const QUANTITY_UNITS: Record<string, string> = {
  unidad: "unidad",
  unidades: "unidad",
  und: "unidad",
  unds: "unidad",
  pieza: "unidad",
  piezas: "unidad",
  par: "par",
  pares: "par",
  caja: "caja",
  cajas: "caja",
  rollo: "rollo",
  rollos: "rollo",
  paquete: "paquete",
  paquetes: "paquete",
  kit: "unidad",
  kits: "unidad",
};
// Words right before a number that make it an attribute, not a quantity ("talla 40", "caja x20").
const ATTRIBUTE_BEFORE = new Set([
  "talla",
  "x",
  "serie",
  "clase",
  "nivel",
  "tipo",
  "din",
  "nrr",
  "calibre",
  "modelo",
  "ref",
  "referencia",
  "de",
]);
const OP_WORDS = new Set(
  (
    "quita quitar quitale quitame quitalos quitalas quite quitele quiteme quitelos quitelas saca sacar sacale sacalos saque " +
    "saquele saquelos elimina eliminar eliminelos elimine borra borrar borre retira retirar retire mejor sean sea serian " +
    "cambia cambiar cambialo cambiala cambialos cambie cambielo cambiela cambielos cambieme deja dejalo dejala dejalos " +
    "dejame deje dejelo dejela dejelos dejeme ponle ponme pon pongale pongame corrige corrija corrijo vez lugar solo " +
    "solamente son otros otras otro otra adicional adicionales esos esas ese esa estos estas este esta mismo mismos misma " +
    "mismas aquellos primero primera segundo segunda llevame quiero necesito comprar mandeme mandame agregueme agregame " +
    "cotizeme coticeme cotizame separeme separame apartame aparteme vendame vendeme regaleme regalame"
  ).split(" "),
);
// A number next to these is money, never a quantity ("a 100 mil cada uno", "$ 38.500").
const MONEY_AFTER = new Set(["mil", "pesos", "peso", "lucas", "barras", "millon", "millones", "cop"]);
const CONNECTORS = new Set(["y", "e", "tambien", "ademas", "mas", "con", "aparte"]);

/** "arnés de 4 argollas" (attribute) vs "cotización de 10 extintores" (quantity after a chat word). */
function attributeMarker(previous: string | undefined, phraseSoFar: readonly string[]): boolean {
  if (previous === undefined || !ATTRIBUTE_BEFORE.has(previous)) return false;
  return previous !== "de" || analyze(phraseSoFar.join(" ")).length > 0;
}

const isNumber = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);

type Clause = { tokens: string[]; quantity: number | null; unit: string | null; phraseTokens: string[] };

function readClause(tokens: string[]): Clause {
  let quantity: number | null = null;
  let unit: string | null = null;
  let quantityAt = -1;
  const phraseTokens: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const unitWord = next === undefined ? undefined : QUANTITY_UNITS[next];
    if (isNumber(token) && ((next !== undefined && MONEY_AFTER.has(next)) || tokens[i - 1] === "cada")) {
      i += next !== undefined && MONEY_AFTER.has(next) ? 1 : 0;
      continue;
    }
    // Long numbers are model codes ("8210", "6200") unless they open the phrase ("quiero 1000 tapones").
    const plausible =
      token.length <= 3 ||
      unitWord !== undefined ||
      (token.length <= 5 && analyze(phraseTokens.join(" ")).length === 0 && next !== undefined && !isNumber(next));
    // "un pedido de 25 overoles": after a filler noun and before any product word, a number replaces
    // the article's 1 ("uno de 4 argollas" keeps 1: only "de" lies between).
    const sinceQuantity = tokens.slice(quantityAt + 1, i);
    const noProductYet =
      quantity !== null &&
      unit === null &&
      analyze(sinceQuantity.join(" ")).length === 0 &&
      sinceQuantity.some((t) => t !== "de" && !OP_WORDS.has(t));
    const isQuantity =
      (quantity === null || noProductYet) &&
      isNumber(token) &&
      !attributeMarker(tokens[i - 1], noProductYet ? sinceQuantity : phraseTokens) &&
      !(next !== undefined && canonicalUnit(next) !== null) &&
      plausible;
    if (isQuantity) {
      quantity = Number(token);
      quantityAt = i;
      if (unitWord) {
        unit = unitWord;
        i++;
        if (tokens[i + 1] === "de") i++;
      }
      continue;
    }
    if (!OP_WORDS.has(token)) phraseTokens.push(token);
  }
  return { tokens, quantity, unit, phraseTokens };
}

function splitClauses(text: string): string[][] {
  const chunks = foldText(text).split(/[,;\n]|\.(?!\d)/);
  const clauses: string[][] = [];
  for (const chunk of chunks) {
    // "de una" / "una vez" are "right away", not one unit.
    const raw = tokenize(chunk).filter(
      (t, i, all) =>
        !((t === "una" || t === "un") && ((all[i - 1] === "de" && i === all.length - 1) || all[i + 1] === "vez")),
    );
    const tokens = replaceNumberWords(raw);
    let current: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      // "y 10 pares de…" starts a new product; "amarilla y negra" does not.
      if (CONNECTORS.has(token) && isNumber(tokens[i + 1]) && current.length > 0) {
        clauses.push(current);
        current = [];
        continue;
      }
      current.push(token);
    }
    if (current.length > 0) clauses.push(current);
  }
  return clauses;
}

export function detectCartKind(text: string): CartOpKind {
  const folded = foldText(text);
  if (REMOVE.test(folded)) return "remove";
  if (
    SET.test(folded) &&
    /\d|\b(un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|docena)\b/.test(folded)
  )
    return "set";
  return "add";
}

export function extractCart(text: string, catalog: CatalogIndex): CartExtraction {
  const kind = detectCartKind(text);
  const reference = REFERENCE.test(foldText(text));
  const clauses = splitClauses(glueSkuMentions(text, (sku) => catalog.bySku(sku) !== undefined)).map(readClause);
  const hasProduct = (c: Clause) => analyze(c.phraseTokens.join(" ")).length > 0;

  // Merge "guantes de vaqueta, 50 pares": a clause with only a quantity lends it to its neighbour.
  const merged: Clause[] = [];
  for (const clause of clauses) {
    const previous = merged[merged.length - 1];
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
      previous.quantity !== null &&
      hasProduct(previous)
    ) {
      // "5 cascos blancos, tipo I" — a trailing attribute belongs to the previous product.
      previous.phraseTokens.push(...clause.phraseTokens);
    } else merged.push(clause);
  }

  const mentions: ProductMention[] = [];
  let bareQuantity: number | null = null;
  let bareUnit: string | null = null;
  for (const clause of merged) {
    if (!hasProduct(clause)) {
      if (clause.quantity !== null && bareQuantity === null) {
        bareQuantity = clause.quantity;
        bareUnit = clause.unit;
      }
      continue;
    }
    const phrase = clause.phraseTokens.join(" ");
    const resolution = resolvePhrase(phrase, catalog);
    if (resolution.hits.length === 0) {
      if (clause.quantity !== null && bareQuantity === null && reference) bareQuantity = clause.quantity;
      else mentions.push({ phrase, quantity: clause.quantity, quantityUnit: clause.unit, ...resolution });
      continue;
    }
    mentions.push({ phrase, quantity: clause.quantity, quantityUnit: clause.unit, ...resolution });
  }
  return { kind, mentions, bareQuantity, bareUnit, reference };
}

/** "un par de cascos" is two helmets, but "un par de guantes" is one pair. */
export function effectiveQuantity(quantity: number, spokenUnit: string | null, product: CatalogProduct): number {
  if (spokenUnit === "par" && product.unit !== "par") return quantity * 2;
  return quantity;
}
