// Clause reading: split a message into product clauses and find each one's quantity, packaging word and
// product words. Numbers that belong to an attribute ("talla 42", "DIN 9-13", "10 libras", "de 4 argollas")
// are never quantities; they stay in the product words, where resolution reads them as attributes.

import { lexicon } from "../lexicon";
import { attributeTokens, readAttributes } from "./attributes";
import { analyze, foldText } from "./normalize";
import { replaceNumberWords } from "./numbers";

const PACKAGING = new Map(lexicon.units.packaging.flatMap((p) => p.words.map((w) => [w, p.unit] as const)));
/** Packaging words as the analyser stems them: how something is counted, which names no product. */
export const PACKAGING_TERMS = new Set(lexicon.units.packaging.flatMap((p) => p.words.flatMap((w) => analyze(w))));
const MONEY_AFTER = new Set(lexicon.numbers.money);
// One-letter units ("l", "m") are also sizes ("talla L 4 pares"): left out.
const MEASURE_WORDS = new Set(lexicon.units.measures.flatMap((m) => m.words).filter((w) => w.length > 1));
const CONNECTORS = new Set(["y", "e", "tambien", "ademas", "mas", "con", "aparte"]);
const LABEL_WORDS = new Set([...lexicon.attributes.numberLabels, ...lexicon.attributes.sizeLabels]);

/**
 * Whether the word at `i` joins two items. Spanish writes "e" for "y" only before an i-sound ("agujas e
 * hilos"); after a label it is the label's letter ("clase e", "tipo e"), and before anything else it is not a
 * conjunction at all.
 */
export function isConjunction(tokens: readonly string[], i: number): boolean {
  const token = tokens[i];
  if (token !== "e") return token !== undefined && CONNECTORS.has(token);
  return !LABEL_WORDS.has(tokens[i - 1] ?? "") && /^h?i/.test(tokens[i + 1] ?? "");
}
const COPULAS = new Set(["soy", "somos", "es", "son", "era", "eramos", "sea", "seria", "estoy", "estamos", "como"]);
const REQUEST_VERBS = new Set(
  "quiero queremos quisiera quisieramos necesito necesitamos requiero requerimos dame deme denme mandame mandeme agrega agregue agregame agregueme ponme pongame regaleme regalame vendame vendeme".split(
    " ",
  ),
);
// Words that frame a cart operation; they are never part of the product's name.
const OP_WORDS = new Set(
  (
    "quita quitar quitale quitame quitalos quitalas quite quitele quiteme quitelos quitelas saca sacar sacale sacalos saque " +
    "saquele saquelos elimina eliminar eliminelos elimine borra borrar borre retira retirar retire mejor sean sea serian " +
    "cambia cambiar cambialo cambiala cambialos cambialas cambie cambielo cambiela cambielos cambieme deja dejalo dejala " +
    "dejalos dejame deje dejelo dejela dejelos dejeme ponle ponme pon pongale pongame corrige corrija corrijo vez lugar " +
    "solo solamente son eran era fueron otros otras otro otra adicional adicionales esos esas ese esa estos estas este esta " +
    "mismo mismos misma mismas aquellos primero primera segundo segunda llevame quiero necesito comprar mandeme mandame " +
    "agregueme agregame cotizeme coticeme cotizame separeme separame apartame aparteme vendame vendeme regaleme regalame " +
    "solicito solicitamos requiero requerimos necesitamos favor cotizacion mete meta meteme metele da dan den hace haga " +
    "hagame hazme hacen"
  ).split(" "),
);
// Cart verbs with their clitics ("agrégale", "súmele", "mándamelos", "póngale"): they frame, never name. Only verb
// endings follow the stem, so nouns that merely share it ("metálicas", "sacos", "mandil", "separador") stay.
const CART_VERB =
  /^(?:agreg|agregu|anad|sum|sub|pon|pong|quit|sac|saqu|elimin|borr|retir|cambi|dej|mand|envi|despach|regal|vend|separ|apart|alist|met|anot|apunt|cotiz|cotic|inclu|encarg|encargu|aument)(?:a|e|ar|er|ir|ye|ya|an|en|amos|emos)?(?:me|te|le|lo|la|los|las|nos|les|se){0,2}$/;
const isOpWord = (t: string) => OP_WORDS.has(t) || CART_VERB.test(t);
const REQUEST_NOUNS = new Set(lexicon.quantityFrames.requestNouns);
const NOT_COUNTED = new Set(lexicon.quantityFrames.notCounted);

// The speaker fixes the number just said: "dame 10 chalecos, no mejor 12", "6… perdón, que sean 8".
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
  // "no mentiras, doce" (Colombian "I mean"), "déjelo en 3": the count said after them replaces the one before.
  "mentiras",
  "dejelo",
  "dejalo",
  "dejemelo",
]);

const isNumber = (t: string | undefined): t is string => t !== undefined && /^\d+$/.test(t);
/** Words that open a purpose ("pa la obra", "para los laboratorios"). */
export const PURPOSE = new Set(["pa", "para", "pal"]);

export type Clause = {
  tokens: string[];
  quantity: number | null;
  /** Packaging said with the number ("par", "caja"), when said. */
  unit: string | null;
  phraseTokens: string[];
  corrected?: boolean;
  question?: boolean;
  /** The words after the count when a purpose opens the clause ("pa el taller 5 petos …" → "petos …"). */
  afterCount?: string[];
};

/** "arnés de 4 argollas" (an attribute after "de" once product words were said) vs "cotización de 10 extintores". */
function attributeAfterOf(tokens: readonly string[], i: number, phraseSoFar: readonly string[]): boolean {
  const next = tokens[i + 1];
  // Spanish puts a quantity before its noun: "X de 10" at the end of a clause is X's size ("la recarga de 10").
  return (
    tokens[i - 1] === "de" &&
    analyze(phraseSoFar.join(" ")).length > 0 &&
    (next === undefined || (!PACKAGING.has(next) && analyze(next).length > 0))
  );
}

export function readClause(tokens: string[]): Clause {
  const { used } = readAttributes(tokens.join(" "), tokens);
  let quantity: number | null = null;
  let unit: string | null = null;
  let quantityAt = -1;
  let corrected = false;
  const phraseTokens: string[] = [];
  const phraseAt: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const unitWord = next === undefined ? undefined : PACKAGING.get(next);
    if (isNumber(token) && ((next !== undefined && MONEY_AFTER.has(next)) || tokens[i - 1] === "cada")) {
      i += next !== undefined && MONEY_AFTER.has(next) ? 1 : 0;
      continue;
    }
    // Long numbers are model codes ("8210") unless they open the phrase ("quiero 1000 tapones").
    const plausible =
      token.length <= 3 ||
      unitWord !== undefined ||
      (token.length <= 5 && analyze(phraseTokens.join(" ")).length === 0 && next !== undefined && !isNumber(next));
    // "una orden de 40 batas": after a filler and before any product word, a number replaces the article's 1.
    const sinceQuantity = tokens.slice(quantityAt + 1, i);
    const noProductYet =
      quantity !== null &&
      unit === null &&
      analyze(sinceQuantity.join(" ")).length === 0 &&
      sinceQuantity.some((t) => t !== "de" && t !== "del" && (!isOpWord(t) || REQUEST_NOUNS.has(t))) &&
      // "6 para las 3 plantas": a number after a purpose counts what the goods are for.
      !sinceQuantity.some((t) => PURPOSE.has(t));
    const corrects = quantity !== null && SELF_CORRECTION.has(tokens[i - 1] ?? "") && tokens[i - 1] !== "no";
    // "2 galones de desengrasante": a measure that is also how the product is sold, said before the product, counts
    // it — also after words that name no product yet ("pa la empresa 3 galones de …"); after "de" it is a size.
    const countedInMeasure =
      used.has(i) &&
      unitWord !== undefined &&
      quantity === null &&
      !["de", "x", "por", "con"].includes(tokens[i - 1] ?? "") &&
      tokens[i + 2] === "de";
    // "ducha de emergencia x 1": a count written after the product with «x», where no pack is named before it.
    const timesCount =
      quantity === null &&
      isNumber(token) &&
      tokens[i - 1] === "x" &&
      !PACKAGING.has(tokens[i - 2] ?? "") &&
      (next === undefined || next === "y" || next === "e") &&
      analyze(phraseTokens.join(" ")).length > 0;
    const isQuantity =
      timesCount ||
      ((quantity === null || noProductYet || corrects) &&
        isNumber(token) &&
        // "¿y si hay en 42?": a figure after «en» is a size or a time, not how many ("déjelo en 2" is).
        (tokens[i - 1] !== "en" || /^dej|^qued/.test(tokens[i - 2] ?? "")) &&
        // "de metro veinte": a figure right after a unit of measure completes the measure.
        !MEASURE_WORDS.has(tokens[i - 1] ?? "") &&
        (!used.has(i) || countedInMeasure) &&
        !attributeAfterOf(tokens, i, noProductYet ? sinceQuantity : phraseTokens) &&
        plausible);
    if (isQuantity) {
      corrected ||= corrects && !noProductYet;
      quantity = Number(token);
      quantityAt = i;
      // "una docena de pares de botas": the packaging after "de" still counts the quantity.
      const afterOf = next === "de" ? PACKAGING.get(tokens[i + 2] ?? "") : undefined;
      if (afterOf && !unitWord) {
        unit = afterOf;
        i += 2;
        if (tokens[i + 1] === "de") i++;
        continue;
      }
      if (unitWord) {
        unit = unitWord;
        i++;
        if (tokens[i + 1] === "de") i++;
      }
      continue;
    }
    // "12 de guantes": the "de" after a count belongs to the count.
    const ofAfterCount = token === "de" && quantityAt === i - 1;
    if (!isOpWord(token) && !ofAfterCount) {
      phraseTokens.push(token);
      phraseAt.push(i);
    }
  }
  // "para la bodega de pinturas 3 escaleras": a purpose said before the count may not be the product's name.
  const purpose = phraseAt.findIndex((at) => PURPOSE.has(tokens[at] as string));
  if (quantityAt > 0 && purpose === 0 && phraseAt.some((at) => at > quantityAt)) {
    const afterCount = phraseTokens.filter((_, k) => (phraseAt[k] as number) > quantityAt);
    return { tokens, quantity, unit, phraseTokens, corrected, afterCount };
  }
  return { tokens, quantity, unit, phraseTokens, corrected };
}

export type RawClause = { tokens: string[]; question: boolean };

const REASON_OPENERS = lexicon.quantityFrames.reasonOpeners.map((cue) => cue.split(" "));
const REASON_KEEPS = new Set(lexicon.quantityFrames.reasonKeeps);

/**
 * "…, porque somos 4" or "…, que entraron 2 personas": a clause that gives the reason for the request names no
 * product and its numbers count nothing. A bare "que" opens a reason only when it carries a number and is not
 * a wish about the product ("que sean 8", "que tengan reflectivo"), wherever its verb stands. The first clause is never one:
 * "es que necesito…" opens a request.
 */
function isReasonClause(tokens: readonly string[]): boolean {
  const opener = REASON_OPENERS.find((cue) => cue.every((word, i) => tokens[i] === word));
  if (!opener || tokens.some((t) => REQUEST_VERBS.has(t) || CART_VERB.test(t))) return false;
  if (opener.length > 1 || opener[0] !== "que") return true;
  // The wish's verb may follow the product it is about: "que los chalecos sean 6".
  return !tokens.some((t) => REASON_KEEPS.has(t)) && tokens.some(isNumber);
}

// Packaging that only ever counts: "galones" is left out, as "de 2.5 galones" is a size.
const COUNTING_PACKAGING = new Set([...PACKAGING].filter(([, unit]) => unit !== "galon").map(([word]) => word));

/**
 * A list said without commas ("10 conos de señal 4 rollos de cinta", "una docena de X media docena de Y"): a
 * number with a packaging word, or opening "N de <product word>", starts a new item once the clause already holds
 * a counted product. After "de", "x" or "por" it is the pack's size instead, and a number an attribute
 * holds ("talla 9 de …") is that attribute's.
 */
function startsCountedItem(
  tokens: readonly string[],
  i: number,
  current: readonly string[],
  attributeNumbers: () => ReadonlySet<number>,
): boolean {
  if (!isNumber(tokens[i])) return false;
  const after = tokens[i + 2] ?? "";
  const ofProduct = tokens[i + 1] === "de" && !isNumber(after) && analyze(after).length > 0 && !PACKAGING.has(after);
  if (!COUNTING_PACKAGING.has(tokens[i + 1] ?? "") && !ofProduct) return false;
  if (["de", "x", "por", "con"].includes(current.at(-1) ?? "")) return false;
  const counted = current.findIndex(isNumber);
  const countedProduct = counted >= 0 && current.slice(counted + 1).some((t) => analyze(t).length > 0);
  return countedProduct && !attributeNumbers().has(i);
}

const CLITICS = new Set(["le", "les", "me", "nos"]);
const isRequestVerb = (t: string | undefined) => t !== undefined && (REQUEST_VERBS.has(t) || CART_VERB.test(t));
/** "y necesito…", "y póngale…", "y le agrega…": a request verb (its clitic may come first) opens a new request. */
function opensRequest(tokens: readonly string[], at: number): boolean {
  return isRequestVerb(tokens[at]) || (CLITICS.has(tokens[at] as string) && isRequestVerb(tokens[at + 1]));
}

export function splitClauses(text: string): RawClause[] {
  // "¿…?" opens a sentence of its own; a list with one product per line keeps its lines apart.
  const parts = foldText(text.replace(/\s*(\r?\n)+\s*/g, " , ")).split(/([,;:\n¿?+]|\.(?!\d))/);
  const clauses: RawClause[] = [];
  for (let c = 0; c < parts.length; c += 2) {
    const chunk = parts[c] ?? "";
    const question = parts[c - 1] === "¿" || parts[c + 1] === "?";
    // "de una" / "una vez" are "right away", "somos una empresa" describes, "para una obra" is a purpose and
    // "un momento" / "una pregunta" are speech: none is one unit.
    const raw = attributeTokens(chunk).filter(
      (t, i, all) =>
        !(
          (t === "una" || t === "un") &&
          ((all[i - 1] === "de" && i === all.length - 1) ||
            all[i + 1] === "vez" ||
            NOT_COUNTED.has(all[i + 1] ?? "") ||
            all[i - 1] === "para" ||
            COPULAS.has(all[i - 1] ?? ""))
        ),
    );
    const tokens = replaceNumberWords(raw, { typos: true });
    if (c > 0 && isReasonClause(tokens)) continue;
    // Read only when a number could open an item: most chunks never need it.
    let used: ReadonlySet<number> | undefined;
    const attributeNumbers = () => {
      used ??= readAttributes(tokens.join(" "), tokens).used;
      return used;
    };
    let current: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      // "y 10 pares de…" and "y necesito…" start a new product; "amarilla y negra" does not.
      const next = tokens[i + 1];
      if (isConjunction(tokens, i) && (isNumber(next) || opensRequest(tokens, i + 1)) && current.length > 0) {
        clauses.push({ tokens: current, question });
        current = [];
        continue;
      }
      if (startsCountedItem(tokens, i, current, attributeNumbers)) {
        clauses.push({ tokens: current, question });
        current = [];
      }
      current.push(token);
    }
    if (current.length > 0) clauses.push({ tokens: current, question });
  }
  return clauses;
}

/** Whether a packaging word counts units of a paired kind ("pares de guantes") or multiplies ("un par de cascos"). */
const PAIRED = lexicon.units.paired.map((w) => analyze(w)[0]).filter((w): w is string => !!w);
export function countsPairs(productWords: string): boolean {
  const terms = analyze(productWords);
  return terms.some((t) => PAIRED.includes(t));
}
