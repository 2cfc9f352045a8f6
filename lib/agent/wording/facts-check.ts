// Every answer — offline or hosted — is checked against what it may state: each amount, stock figure, SKU,
// phone or account number and payment channel must come from the turn's facts or the company's own text.
// A failing answer is replaced by the offline one; the check never trusts the text it reads.

import { foldText } from "../analysis/normalize";
import { compileCues } from "../lexicon";
import type { AnswerFacts } from "./facts";

export type FactsProblem =
  | { kind: "amount"; value: number }
  | { kind: "stock"; value: number }
  | { kind: "sku"; value: string }
  | { kind: "number"; value: string }
  | { kind: "payment"; value: string };

const MONEY = /\$\s?(\d{1,3}(?:[.,]\d{3})+|\d+)/g;
const STOCK =
  /\b(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:unidades|unidad|pares|par|cajas|caja|rollos|rollo|paquetes|paquete|disponibles)\b/g;
const SKU = /\b[A-Z]{2,5}-[A-Z0-9]{2,10}(?:-\d+)?\b/g;
const LONG_NUMBER = /(?:\+?\d[\d\s().-]{5,}\d)/g;
const PAYMENT = compileCues([
  "nequi",
  "daviplata",
  "bancolombia",
  "davivienda",
  "banco de bogota",
  "bbva",
  "efecty",
  "baloto",
  "paypal",
  "transfiya",
  "movii",
  "pse",
  "western union",
  "cuenta de ahorros",
  "cuenta corriente",
  "consignacion",
  "llave bre-b",
]);

function collectNumbers(value: unknown, into: Set<number>, strings: string[]): void {
  if (typeof value === "number") into.add(value);
  else if (typeof value === "string") strings.push(value);
  else if (Array.isArray(value)) for (const v of value) collectNumbers(v, into, strings);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collectNumbers(v, into, strings);
}

const digitsOf = (s: string) => s.replace(/\D/g, "");

export function checkAnswer(text: string, facts: AnswerFacts, companyText: string): FactsProblem[] {
  const numbers = new Set<number>();
  const strings: string[] = [];
  collectNumbers(facts, numbers, strings);
  // Joined by a mark a number cannot span: a newline is whitespace, so the phone after an address would read as
  // one long number with it and no longer be found.
  const known = [...strings, companyText].join(" | ");
  const knownDigits = new Set([...known.matchAll(LONG_NUMBER)].map((m) => digitsOf(m[0])));
  const problems: FactsProblem[] = [];
  for (const m of text.matchAll(MONEY)) {
    const value = Number((m[1] ?? "").replace(/[.,]/g, ""));
    if (!numbers.has(value)) problems.push({ kind: "amount", value });
  }
  for (const m of text.matchAll(STOCK)) {
    const value = Number((m[1] ?? "").replace(/\./g, ""));
    if (!numbers.has(value)) problems.push({ kind: "stock", value });
  }
  const skus = new Set(strings.filter((s) => /^[A-Z0-9-]+$/.test(s)));
  for (const m of text.matchAll(SKU))
    if (!skus.has(m[0]) && !known.includes(m[0])) problems.push({ kind: "sku", value: m[0] });
  for (const m of text.matchAll(LONG_NUMBER)) {
    const digits = digitsOf(m[0]);
    if (digits.length < 7) continue;
    const inFacts = [...knownDigits].some((d) => d === digits || d.endsWith(digits) || digits.endsWith(d));
    if (!inFacts && !numbers.has(Number(digits))) problems.push({ kind: "number", value: m[0].trim() });
  }
  const foldedKnown = foldText(known);
  for (const m of foldText(text).matchAll(new RegExp(PAYMENT.source, "g")))
    if (!foldedKnown.includes(m[0])) problems.push({ kind: "payment", value: m[0] });
  return problems;
}
