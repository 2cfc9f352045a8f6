// Prices customers say ("a 70 mil cada una", "por $ 98.000", "a 45 me sirve" after seeing $ 98.000) are never
// quantities nor product words. A number is a price when money is said with it ($, mil, pesos, a thousands
// separator) and no product word follows, or when "a"/"por" introduces it and it (or it in thousands) is a price
// the customer was shown, so "a 3 metros" or "por 2 cajas" stay what they are.

import { lexicon } from "../lexicon";
import { foldText } from "./normalize";

export type PriceReading = { text: string; prices: number[] };

const MONEY = new Set(lexicon.numbers.money);
const EACH = lexicon.quantityFrames.each.map((w) => w.split(" "));
const MEASURE_OR_PACK = new Set([
  ...lexicon.units.measures.flatMap((m) => m.words),
  ...lexicon.units.packaging.flatMap((p) => p.words),
]);
const INTRO = new Set(["a", "por", "en"]);

type Token = { word: string; start: number; end: number };

function tokensOf(folded: string): Token[] {
  return [...folded.matchAll(/\$|[a-z]+|\d{1,3}(?:[.,]\d{3})+|\d+(?:k\b)?/g)].map((m) => ({
    word: m[0],
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const amountOf = (word: string) => Number(word.replace(/[.,k]/g, "")) * (word.endsWith("k") ? 1000 : 1);

/** The number of tokens of a per-unit phrase ("cada uno", "la unidad") starting at `at`, or 0. */
function eachLength(tokens: readonly Token[], at: number): number {
  for (const phrase of EACH)
    if (phrase.every((w, i) => tokens[at + i]?.word === w || (w === "1" && tokens[at + i]?.word === "uno")))
      return phrase.length;
  return 0;
}

export function readPrices(text: string, shownPrices: ReadonlySet<number>): PriceReading {
  const folded = foldText(text);
  const tokens = tokensOf(folded);
  const spans: [number, number][] = [];
  const prices: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!/^\d/.test(token.word)) continue;
    let value = amountOf(token.word);
    let end = i;
    const dollar = tokens[i - 1]?.word === "$";
    const before = tokens[dollar ? i - 2 : i - 1];
    while (MONEY.has(tokens[end + 1]?.word ?? "")) {
      if (tokens[end + 1]?.word === "mil") value *= 1000;
      if (/^millon/.test(tokens[end + 1]?.word ?? "")) value *= 1_000_000;
      end++;
    }
    const moneySaid = dollar || end > i || /[.,k]/.test(token.word);
    const introduced = INTRO.has(before?.word ?? "");
    const shown = shownPrices.has(value) || shownPrices.has(value * 1000);
    const each = eachLength(tokens, end + 1);
    const next = tokens[end + 1 + each]?.word;
    const countsSomething = next !== undefined && /^[a-z]/.test(next) && MEASURE_OR_PACK.has(next);
    const isPrice =
      !countsSomething &&
      ((moneySaid && value >= 1000 && (each > 0 || !next || !/^[a-z]{4,}/.test(next) || introduced)) ||
        (introduced && shown) ||
        (introduced && each > 0) ||
        // "el de 96.000": a shown price, written as money, names the product at it.
        (before?.word === "de" && moneySaid && shown));
    if (!isPrice) continue;
    prices.push(shownPrices.has(value) || value >= 1000 ? value : value * 1000);
    const from = introduced ? (before as Token).start : dollar ? (tokens[i - 1] as Token).start : token.start;
    spans.push([from, (tokens[end + each] as Token).end]);
    i = end + each;
  }
  let out = folded;
  for (const [from, to] of spans.reverse()) out = `${out.slice(0, from)} ${out.slice(to)}`;
  return { text: spans.length > 0 ? out.replace(/\s+/g, " ").trim() : text, prices };
}
