// Attributes written in text — a product's row or a customer's words: measured figures ("6kg", "2.5 galones",
// "120 dB"), labelled values ("talla 42", "clase 0", "DIN 9-13"), size words, colours and codes ("N95", "8210",
// "PQS"). The same reader runs on both sides, so a request and a product compare figure by figure.

import { lexicon } from "../lexicon";
import type { Attribute } from "../types";
import { canonicalUnit, dimensionOf, foldText, STOP_WORDS, stem } from "./normalize";
import { phoneticKey } from "./phonetic";

const PACKAGING_WORDS = new Set(lexicon.units.packaging.flatMap((p) => p.words));

/** A noun that can be counted as a part of a product ("argollas", "puntos", "pliegues"). */
function countable(word: string): boolean {
  return (
    /^[a-z]{3,}$/.test(word) &&
    !STOP_WORDS.has(word) &&
    !PACKAGING_WORDS.has(word) &&
    canonicalUnit(word) === null &&
    !LABELS.has(word) &&
    !colourOf(word)
  );
}

const LABELS = new Set(lexicon.attributes.numberLabels);
const SIZE_LABELS = new Set(lexicon.attributes.sizeLabels);
const SIZES = new Set(lexicon.attributes.sizes);
const REQUEST_NOUNS = new Set(lexicon.quantityFrames.requestNouns);
const COLOURS = new Map(
  Object.entries(lexicon.attributes.colours).flatMap(([colour, forms]) => forms.map((f) => [f, colour] as const)),
);
// Colours by sound too, so "amarrillos" or "blamcos" still read as a colour.
const COLOUR_SOUNDS = new Map([...COLOURS].map(([form, colour]) => [phoneticKey(form), colour] as const));
const colourOf = (word: string) =>
  COLOURS.get(word) ?? (word.length >= 5 ? COLOUR_SOUNDS.get(phoneticKey(word)) : undefined);

/** Conversion to one base unit per dimension, so "10 lb" can be compared with "4.5 kg". */
const TO_BASE: Record<string, number> = {
  g: 1,
  kg: 1000,
  lb: 453.592,
  ml: 1,
  l: 1000,
  gal: 3785.41,
  mm: 1,
  cm: 10,
  m: 1000,
  pulg: 25.4,
};

export function inBaseUnit(value: number, unit: string): number | null {
  const factor = TO_BASE[unit];
  return factor === undefined ? null : value * factor;
}

/** Same figure (within 3 %), in the same unit or converted within the dimension. */
export function sameMeasure(a: { value: number; unit: string }, b: { value: number; unit: string }): boolean {
  if (a.unit === b.unit) return Math.abs(a.value - b.value) <= 0.03 * Math.max(a.value, b.value);
  const x = inBaseUnit(a.value, a.unit);
  const y = inBaseUnit(b.value, b.unit);
  return x !== null && y !== null && Math.abs(x - y) <= 0.03 * Math.max(x, y);
}

/** Folded tokens that keep decimals ("2.5"), ranges ("9-13") and codes ("n95") whole. */
export function attributeTokens(text: string): string[] {
  const folded = foldText(text)
    // 7" and 7'' are inches, as catalogues write them ("Disco corte 7\"").
    .replace(/(\d)\s*(?:"|''|”|″)/g, "$1 pulg ")
    .replace(/(\d),(\d)/g, "$1.$2")
    .replace(/(\d)\s*-\s*(\d)/g, "$1-$2");
  return folded.match(/[a-z0-9]+(?:[.-]\d+)*/g) ?? [];
}

const isFigure = (t: string | undefined): t is string => t !== undefined && /^\d+(\.\d+)?$/.test(t);

/** Splits "6kg" / "20lb" into figure and unit when the letters are a known unit. */
function gluedMeasure(token: string): { value: number; unit: string } | null {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(token);
  const unit = m ? canonicalUnit(m[2] as string) : null;
  return m && unit ? { value: Number(m[1]), unit } : null;
}

/** Equal for two attributes exactly when every field is: the fields' values never hold the separator. */
export function attributeKey(a: Attribute): string {
  switch (a.kind) {
    case "measure":
      return `m\u0001${a.value}\u0001${a.unit}\u0001${a.dimension}`;
    case "label":
      return `l\u0001${a.label}\u0001${a.value}`;
    default:
      return `${a.kind}\u0001${a.value}`;
  }
}

export type AttributeReading = {
  attributes: Attribute[];
  /** Token positions the attributes used. */
  used: Set<number>;
};

/**
 * Reads every attribute in the text. Numbers that belong to one are marked used: they are not quantities.
 * A count of parts ("2 argollas", "4 puntos") is an attribute anywhere in a product's row, but in a request
 * only after "de"/"con" ("un arnés de 4 argollas"), since "2 arneses" there is how many.
 */
export function readAttributes(
  text: string,
  tokens: readonly string[] = attributeTokens(text),
  side: "product" | "request" = "request",
): AttributeReading {
  const attributes: Attribute[] = [];
  const used = new Set<number>();
  // One key per distinct attribute (what comparing their JSON decided): a product row reads dozens of them.
  const seen = new Set<string>();
  const push = (a: Attribute, ...at: number[]) => {
    const key = attributeKey(a);
    if (!seen.has(key)) {
      seen.add(key);
      attributes.push(a);
    }
    for (const i of at) used.add(i);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const glued = gluedMeasure(token);
    if (glued) {
      push({ kind: "measure", ...glued, dimension: dimensionOf(glued.unit) ?? "" }, i);
      continue;
    }
    const unit = next === undefined ? null : canonicalUnit(next);
    if (isFigure(token) && unit) {
      push({ kind: "measure", value: Number(token), unit, dimension: dimensionOf(unit) ?? "" }, i, i + 1);
      i++;
      continue;
    }
    if ((LABELS.has(token) || SIZE_LABELS.has(token)) && next !== undefined) {
      if (SIZE_LABELS.has(token) && SIZES.has(next)) push({ kind: "size", value: next }, i, i + 1);
      else if (/^[a-z]{0,3}\d+([.-]\d+)*$|^[ivx]{1,4}$|^[a-z]$/.test(next))
        push({ kind: "label", label: SIZE_LABELS.has(token) ? "talla" : token, value: next }, i, i + 1);
      if (used.has(i)) {
        i++;
        continue;
      }
    }
    if (isFigure(token) && /^\d+$/.test(token) && next !== undefined && countable(next)) {
      // "una orden de 40 batas": after a noun that frames the request, the number counts products.
      const introduced = (tokens[i - 1] === "de" || tokens[i - 1] === "con") && !REQUEST_NOUNS.has(tokens[i - 2] ?? "");
      if (side === "product" || introduced) {
        push({ kind: "label", label: stem(next), value: token }, i, i + 1);
        i++;
        continue;
      }
    }
    const colour = colourOf(token);
    if (colour) {
      push({ kind: "colour", value: colour }, i);
      continue;
    }
    // "N95", "P100", "CO2", a range "9-13", a model number "8210": one token carries the whole code.
    if (/^[a-z]{1,4}\d+$|^\d+[a-z]{1,2}\d*$/.test(token) || /^\d+-\d+$/.test(token) || /^\d{4,}$/.test(token))
      push({ kind: "code", value: token }, i);
  }
  return { attributes, used };
}

/** Upper-case acronyms of a product's own name ("PQS", "ABC", "PVC") are codes customers type in any case. */
export function nameAcronyms(name: string): string[] {
  return (name.match(/\b[A-Z]{2,6}\b/g) ?? []).map((a) => foldText(a));
}
