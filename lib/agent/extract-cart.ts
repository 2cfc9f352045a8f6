// Cart operations in free text: "5 cascos blancos y 10 pares de guantes de vaqueta",
// "mejor que sean 12", "quita los de nitrilo". Products are resolved through the catalog index.

import type { CatalogIndex, SearchHit } from "./catalog-index";
import { analyze, canonicalUnit, foldText, replaceNumberWords, tokenize } from "./normalize";
import type { CatalogProduct } from "./types";

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
  /** Demonstratives pointing at products shown before ("de esos", "el mismo"). */
  reference: boolean;
};

const REMOVE =
  /\b(quita(r|le|me|los|las)?|saca(r|le|los|las)?|elimina(r|le)?|borra(r|le)?|retira(r)?|ya no quiero (los|las|el|la))\b/;
const SET =
  /\b(mejor|que sean|que sea|cambia(r|lo|la)?|deja(lo|la|me)? en|dejame|ponle|ponme|corrige|corrijo|en vez de|en lugar de|solo|solamente|son)\b/;
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
  "quita quitar quitale quitame quitalos quitalas saca sacar sacale elimina eliminar borra borrar retira retirar mejor sean sea cambia cambiar cambialo deja dejalo dejala dejame ponle ponme pon corrige corrijo vez lugar solo solamente son otros otras otro otra adicional adicionales esos esas ese esa estos estas este esta mismo mismos misma mismas aquellos primero primera segundo segunda llevame quiero necesito comprar".split(
    " ",
  ),
);
const CONNECTORS = new Set(["y", "e", "tambien", "ademas", "mas", "con", "aparte"]);

const isNumber = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);

/** Picks the product a phrase means, or flags it as ambiguous between comparable candidates. */
export function resolvePhrase(
  phrase: string,
  catalog: CatalogIndex,
): Pick<ProductMention, "hits" | "resolved" | "ambiguous"> {
  if (analyze(phrase).length === 0) return { hits: [], resolved: null, ambiguous: false };
  const hits = catalog.search(phrase, { limit: 8 }).filter((h) => h.coverage >= 0.5);
  const [top, second] = hits;
  if (!top) return { hits: [], resolved: null, ambiguous: false };
  const terms = new Set(analyze(phrase));
  const namesIt = (p: CatalogProduct) => terms.has(analyze(p.name)[0] ?? "");
  // "extintores ABC 10 lb" is an extintor, not the "Recarga de extintor ABC 10 lb" service.
  const headWins = !!second && namesIt(top.product) && !namesIt(second.product) && second.score < 0.95 * top.score;
  // "cascos blancos": CAB-001 says "blanco" on the label, CAB-003 only in its description.
  const labelTerms = (p: CatalogProduct) => new Set(analyze(`${p.name} ${p.synonyms.join(" ")} ${p.brand}`));
  const labelled = (p: CatalogProduct) => [...terms].every((t) => labelTerms(p).has(t));
  const labelWins = !!second && labelled(top.product) && !labelled(second.product) && second.score < 0.8 * top.score;
  const clearlyAhead =
    headWins ||
    labelWins ||
    !second ||
    second.score < 0.6 * top.score ||
    (top.coverage > second.coverage + 0.01 && second.score < 0.8 * top.score);
  const close = hits.filter((h) => h.score >= 0.6 * top.score);
  // "2 cascos": offer helmets, not the ear muffs "para casco".
  const named = close.filter((h) => namesIt(h.product));
  const comparable = (named.length > 0 ? named : close).slice(0, 5);
  return clearlyAhead
    ? { hits, resolved: top.product, ambiguous: false }
    : { hits: comparable, resolved: null, ambiguous: true };
}

type Clause = { tokens: string[]; quantity: number | null; unit: string | null; phraseTokens: string[] };

function readClause(tokens: string[]): Clause {
  let quantity: number | null = null;
  let unit: string | null = null;
  const phraseTokens: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const unitWord = next === undefined ? undefined : QUANTITY_UNITS[next];
    const isQuantity =
      quantity === null &&
      isNumber(token) &&
      !ATTRIBUTE_BEFORE.has(tokens[i - 1] ?? "") &&
      !(next !== undefined && canonicalUnit(next) !== null) &&
      (token.length <= 3 || unitWord !== undefined);
    if (isQuantity) {
      quantity = Number(token);
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
    const tokens = replaceNumberWords(tokenize(chunk));
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
  const clauses = splitClauses(text).map(readClause);
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
  for (const clause of merged) {
    if (!hasProduct(clause)) {
      if (clause.quantity !== null && bareQuantity === null) bareQuantity = clause.quantity;
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
  return { kind, mentions, bareQuantity, reference };
}

/** "un par de cascos" is two helmets, but "un par de guantes" is one pair. */
export function effectiveQuantity(quantity: number, spokenUnit: string | null, product: CatalogProduct): number {
  if (spokenUnit === "par" && product.unit !== "par") return quantity * 2;
  return quantity;
}
