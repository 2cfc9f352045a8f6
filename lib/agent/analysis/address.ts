// Addresses in a customer's message: a Colombian street address (with its neighbourhood), a labelled one, and,
// when the agent asked for it, any street or rural place with its number.

import { findCity } from "./cities";
import { NAME_STOP } from "./person-name";

// The street is a number ("Calle 5", "Calle 2 Oeste": Cali numbers its western streets so), or, for avenues and highways, a name of up to four words ("Av Ciudad de Cali").
export const ADDRESS =
  /\b(?:(?:calle|cll|cl|carrera|cra|kra|kr|cr|avenida|av|transversal|tv|trans|diagonal|dg|diag|autopista|circular)\.?\s*\d+\s*[a-z]?(?:\s*bis)?(?:\s+(?:sur|norte|oeste|este))?|(?:avenida|av|autopista|circunvalar)\.?(?:\s+[a-záéíóúñ]+){1,4})\s*(?:#|no\.?|n°|nº|n[uú]mero|num\.?)\s*\d+\s*[a-z]{0,2}\s*-\s*\d+[a-z]?(?:\s+(?:sur|norte|oeste|este)\b)?(?:\s*,?\s*(?:apto|apartamento|casa|bodega|local|oficina|of|int|interior|torre|piso|barrio)\.?\s*[\w-]+)*/i;
const NEIGHBOURHOOD_STOP = new Set([...NAME_STOP, "y", "e", "ciudad", "tel", "cel", "celular", "telefono", "teléfono"]);

/** "cra 15 #26-40 barrio el Guabal cali": a neighbourhood runs on past its first word, up to the city. */
export function withNeighbourhood(text: string, match: RegExpMatchArray | null): RegExpMatchArray | null {
  if (!match || match.index === undefined || !/\bbarrio\s+\S+$/i.test(match[0])) return match;
  let full = match[0];
  const following = text.slice(match.index + full.length).match(/^(?:\s+\p{L}+){1,3}/u)?.[0] ?? "";
  for (const word of following.split(/\s+/).filter(Boolean)) {
    if (NEIGHBOURHOOD_STOP.has(word.toLowerCase()) || findCity(word)) break;
    full = `${full} ${word}`;
  }
  if (!text.includes(full)) return match;
  const extended = [full] as unknown as RegExpMatchArray;
  extended.index = match.index;
  return extended;
}

const LABELLED_ADDRESS =
  /\b(?:direcci[oó]n(?: de (?:entrega|env[ií]o|despacho))?|dir)\s*[:.=-]?\s+((?=[^,;\n]*\p{L})[^,;\n]{4,80}?)(?=\s*(?:[,;\n]|$|\bnit\b|\bc[eé]dula\b|\bcc\b|\btel|\bcel))/iu;

/** A labelled address that reads as one (a number or a rural place), not a question about the shop's. */
export function labelledAddress(text: string): RegExpMatchArray | null {
  const match = text.match(LABELLED_ADDRESS);
  const value = match?.[1] ?? "";
  if (!match || /[?¿]/.test(text) || /^(de|del|su|sus|tu|la)\b/i.test(value)) return null;
  return /\d/.test(value) || RURAL.test(value) ? match : null;
}

const STREET =
  /\b(?:calle|cll|cl|carrera|cra|kra|kr|cr|avenida|av|transversal|tv|diagonal|dg|autopista|circular|manzana|mz|vereda|km|kilometro|kil[oó]metro|conjunto|edificio|urbanizaci[oó]n|barrio)\.?\s*\d*/i;

/** When the agent asked for the address: a street word with a number is the address, whatever its format. */
// Rural addresses name a place, not a street number: "finca La Esperanza, vereda El Carmen".
const RURAL = /\b(?:finca|vereda|corregimiento|hacienda|parcela|parcelaci[oó]n|sector|km|kil[oó]metro|v[ií]a a)\b/i;

export function looseAddress(text: string): RegExpMatchArray | null {
  const candidates = [text.match(STREET), text.match(RURAL)].filter((m): m is RegExpMatchArray => m !== null);
  const street = candidates.sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[0];
  const rural = RURAL.test(text);
  if (!street || street.index === undefined || (!rural && !/\d/.test(text.slice(street.index)))) return null;
  const value = text
    .slice(street.index)
    .split(/[\n;]|,\s*(?:c[eé]dula|cc|nit|tel|cel|celular|tel[eé]fono)\b/i)[0]
    ?.trim()
    .replace(/[.,]+$/, "");
  if (!value) return null;
  const match = [value] as unknown as RegExpMatchArray;
  match.index = street.index;
  return match;
}
