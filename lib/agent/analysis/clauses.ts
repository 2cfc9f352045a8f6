// Clause reading for cart extraction: split a message into product clauses and find each one's
// quantity, packaging word and product words ("10 pares de guantes", "talla 40" is an attribute).

import { analyze, canonicalUnit, foldText, replaceNumberWords, tokenize } from "./normalize";

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
    "cotizeme coticeme cotizame separeme separame apartame aparteme vendame vendeme regaleme regalame solicito " +
    "solicitamos requiero requerimos necesitamos favor cotizacion"
  ).split(" "),
);
// A number next to these is money, never a quantity ("a 100 mil cada uno", "$ 38.500").
const MONEY_AFTER = new Set(["mil", "pesos", "peso", "lucas", "barras", "millon", "millones", "cop"]);
const CONNECTORS = new Set(["y", "e", "tambien", "ademas", "mas", "con", "aparte"]);
// "dame 10 chalecos, no mejor 12", "6 barbuquejos... perdón, que sean 8": the speaker fixes the number just said.
export const SELF_CORRECTION = new Set([
  "no",
  "mejor",
  "perdon",
  "digo",
  "corrijo",
  "espere",
  "espera",
  "sean",
  "sea",
  "bien",
]);

/** "arnés de 4 argollas" (attribute) vs "cotización de 10 extintores" (quantity after a chat word). */
function attributeMarker(previous: string | undefined, phraseSoFar: readonly string[]): boolean {
  if (previous === undefined || !ATTRIBUTE_BEFORE.has(previous)) return false;
  return previous !== "de" || analyze(phraseSoFar.join(" ")).length > 0;
}

const isNumber = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);

export type Clause = {
  tokens: string[];
  quantity: number | null;
  unit: string | null;
  phraseTokens: string[];
  corrected?: boolean;
  question?: boolean;
};

export function readClause(tokens: string[]): Clause {
  let quantity: number | null = null;
  let unit: string | null = null;
  let quantityAt = -1;
  let corrected = false;
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
    // "dame 10 chalecos no mejor 12": a number right after a correction word replaces the one said.
    const corrects = quantity !== null && SELF_CORRECTION.has(tokens[i - 1] ?? "") && tokens[i - 1] !== "no";
    const isQuantity =
      (quantity === null || noProductYet || corrects) &&
      isNumber(token) &&
      !attributeMarker(tokens[i - 1], noProductYet ? sinceQuantity : phraseTokens) &&
      !(next !== undefined && canonicalUnit(next) !== null) &&
      plausible;
    if (isQuantity) {
      corrected ||= corrects && !noProductYet;
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
  return { tokens, quantity, unit, phraseTokens, corrected };
}

export type RawClause = { tokens: string[]; question: boolean };

export function splitClauses(text: string): RawClause[] {
  // "¿…?" opens a sentence of its own: "quiero 2 extintores de CO2 y ¿cuánto sale la recarga?".
  // Folding collapses line breaks; a list with one product per line must keep its lines apart.
  const parts = foldText(text.replace(/\s*(\r?\n)+\s*/g, " , ")).split(/([,;\n¿?]|\.(?!\d))/);
  const clauses: RawClause[] = [];
  for (let c = 0; c < parts.length; c += 2) {
    const chunk = parts[c] ?? "";
    const question = parts[c - 1] === "¿" || parts[c + 1] === "?";
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
        clauses.push({ tokens: current, question });
        current = [];
        continue;
      }
      current.push(token);
    }
    if (current.length > 0) clauses.push({ tokens: current, question });
  }
  return clauses;
}
