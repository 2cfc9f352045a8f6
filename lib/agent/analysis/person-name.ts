// People's and companies' names in a customer's message: introduced ("me llamo …"), a legal name, a chunk of a
// contact card, or a bare reply when the agent asked for the name.

import { findCity, isKnownCity } from "./cities";
import { foldText, STOP_WORDS } from "./normalize";

const NAME_WORD = "[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+";
export const NAME_STOP = new Set(
  "con y mi mis mio mío mia mía propio cedula cédula cc nit documento telefono teléfono celular cel tel direccion dirección correo email vivo en barrio dir desde identificado identificada de del la el un una muy yo cliente para".split(
    " ",
  ),
);

// A company's legal name keeps its articles ("Montajes La Ceiba SAS"); it ends at a comma or the next field.
export const LEGAL_NAME =
  /\b(?:raz[oó]n social|empresa a nombre de)\s*(?:es|:)?\s*([\p{L}][\p{L}\d&.' -]{1,79}?)(?=\s*(?:[,;\n]|$|\bnit\b|\bc[eé]dula\b|\btel|\bcel|\bdirecci))/iu;
// Control words that can look like a two-word name when the name is expected ("de una", "sí señor").
const NOT_NAME_WORDS = new Set(
  "de una un si no listo dale ok claro eso todo es gracias hola buenas bueno mejor ya senor señor confirmo hagale por favor despues luego".split(
    " ",
  ),
);
export const NAME_INTRO = new RegExp(
  `\\b(?:me llamo|mi nombre es|mi nombre:|nombre(?: completo)?:?|a nombre de|soy|somos|hablo de|les? habla(?:mos)? de|escribo de|de parte de)\\s+((?:${NAME_WORD})(?:\\s+${NAME_WORD}){0,4})`,
  "i",
);

// Labels customers put before a contact card: "mis datos: …", "le envío mis datos: …", "nombre completo: …".
const CARD_LABEL =
  /^\s*(?:(?:le|les|te|aqui|aquí|ahi|ahí) )?(?:(?:dejo|doy|env[ií]o|mando|paso|comparto|van) )?(?:(?:mis|los|sus|la) )?(?:datos(?: son| de una| completos| personales| del cliente| de facturaci[oó]n| pa(?:ra)? (?:la )?factura(?:ci[oó]n)?)*|nombre(?: completo)?|cliente|empresa|raz[oó]n social|(?:persona de )?contacto)\s*[:=-]?\s*/iu;
// "Es para Constructora X S.A.S., NIT …" / "facturar a …": who the order is for, before a company's name.
const BILL_TO =
  /^\s*(?:es\s+)?(?:para|a nombre de|(?:la\s+)?factura(?:r)?\s+a(?:\s+nombre\s+de)?|f[aá]ctur(?:e|ele|enos)\s+a|a favor de)\s+/iu;
const CARD_NAME = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){1,4}$`, "u");

/** What sets a card's fields apart: commas, semicolons, lines, bars, or a slash between spaces ("Ana / 1144…"). */
export const CARD_FIELD_BREAK = /[,;\n|]|\s\/\s/;
// A sentence's end splits a card too ("Rosa Ortiz. Cédula …").
const CARD_CHUNK = new RegExp(`${CARD_FIELD_BREAK.source}|(?<=[a-z\\d])[.!?]\\s+`);

/** A name read from a card, and the words as they were typed (to blank them out of the rest). */
export type CardName = { name: string; typed: string; lowerCase: boolean; company: boolean };

/**
 * "Rosa Lía Ortiz, cédula 1020304050, celular …": in a message that carries a document or phone, a
 * separate chunk made only of 2–5 name-like words is the name. Lower-case chunks only when a name is
 * expected or likely, so "cascos blancos, cc …" is not taken for a person.
 */
export function nameFromContactCard(rest: string, lowerCaseAllowed: boolean): CardName | null {
  const chunks = rest.split(CARD_CHUNK);
  const first = chunks.findIndex((c) => c.trim() !== "");
  // A company's legal name is the customer, wherever its card names a contact person; its NIT or another field
  // may follow it in the same chunk ("Pinturas del Valle SAS NIT …").
  for (const raw of chunks) {
    const unlabelled = raw.replace(CARD_LABEL, "").replace(BILL_TO, "");
    const company = bareName(unlabelled) ?? companyAfter(unlabelled, 0);
    if (company && COMPANY_SUFFIX.test(company))
      return { name: company, typed: company, lowerCase: false, company: true };
  }
  for (const [at, raw] of chunks.entries()) {
    // "facturar a Colegio …": whoever the order is billed to is the customer, a company or not.
    const billed = BILL_TO.test(raw.replace(LEADING_ACK, ""));
    const chunk = raw
      .replace(LEADING_ACK, "")
      .replace(CARD_LABEL, "")
      .replace(BILL_TO, "")
      .trim()
      .replace(/[.!]+$/, "");
    if (!CARD_NAME.test(chunk)) continue;
    const words = chunk.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase());
    if (
      lower.some((w) => NOT_NAME_WORDS.has(w) || NAME_STOP.has(w)) ||
      cityLike(chunk, rest.replace(raw, " "), at === first)
    )
      continue;
    const lowerCase = !words.every((w) => /^\p{Lu}/u.test(w));
    if (lowerCase && !lowerCaseAllowed) continue;
    return { name: titleCase(chunk), typed: chunk, lowerCase, company: billed };
  }
  return null;
}

/**
 * "Yumbo Valle" is a place; "Wilmer Andrés Cuero" is a person whose last surname is also a town. A card
 * of three or more words that does not open with the town is a name.
 */
const PLACE_PREPOSITIONS = new Set(["a", "en", "de", "para", "hasta", "desde", "por", "hacia"]);

function cityLike(chunk: string, elsewhere: string, opensCard: boolean): boolean {
  const city = findCity(chunk);
  if (!city) return false;
  const words = chunk.split(/\s+/);
  const at = words.findIndex((w) => findCity(w) !== null);
  const afterPreposition = PLACE_PREPOSITIONS.has((words[at - 1] ?? "").toLowerCase());
  // Two words ending in a town are a person too when the card names its city elsewhere ("… Mosquera, …, Cali"),
  // or when they open the card: a contact card starts with who, the place comes with the address.
  const short = words.length < 3 && findCity(elsewhere) === null && !opensCard;
  return short || at <= 0 || afterPreposition || isKnownCity(chunk);
}

export function titleCase(name: string): string {
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

export function cutName(raw: string): string | null {
  const words: string[] = [];
  for (const word of raw.split(/\s+/)) {
    if (NAME_STOP.has(word.toLowerCase())) break;
    words.push(word);
  }
  return words.length > 0 ? titleCase(words.join(" ")) : null;
}

/** "a nombre de Bodegas del Pacífico S.A.S., NIT …": a legal name runs up to its company suffix. */
export function companyAfter(text: string, from: number): string | null {
  const tail = text
    .slice(from)
    .replace(
      /^\s*(?:me llamo|mi nombre es|mi nombre:|nombre(?: completo)?:?|a nombre de|soy|somos|hablo de|les? habla(?:mos)? de|escribo de|de parte de)\s+/i,
      "",
    );
  const match =
    /^([\p{L}][\p{L}\d&.' -]{1,70}?\b(?:s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|ltda\.?|limitada|e\.?\s?u\.?))(?=[\s,;]|$)/iu.exec(
      tail,
    );
  return match?.[1]?.trim() ?? null;
}

export const LEADING_ACK =
  /^\s*(?:(?:listo|ok|okey|dale|bueno|bien|claro|perfecto|s[ií]|de una|vale)\s*[,.:!-]*\s+)+/iu;
const COMPANY_SUFFIX =
  /(?:\b(s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|ltda\.?|limitada|e\.?\s?u\.?)|(?:&|\by)\s*c[ií]a\.?)\s*$/iu;
const NAME_JOINER = new Set(["de", "del", "la", "las", "los", "y", "e", "san", "santa"]);

/** Every word capitalised but the joiners ("Luz Dary de la Cruz"): how people type a name, not a product. */
export function isCapitalisedName(text: string): boolean {
  return text
    .trim()
    .split(/\s+/)
    .every((w) => /^\p{Lu}/u.test(w) || NAME_JOINER.has(w));
}

/**
 * A reply that is only a name, when the agent asked for it: 2–6 words of letters (a company's name may carry
 * its "S.A.S." or "Ltda."), none a function word or request verb ("dame tu dirección" is no name).
 */
export function bareName(text: string): string | null {
  const trimmed = text.trim().replace(/[,;!]+$/, "");
  const company = COMPANY_SUFFIX.test(trimmed);
  const candidate = company ? trimmed : trimmed.replace(/\.+$/, "");
  const words = candidate.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 6 || /[?¿\d@#]/.test(candidate)) return null;
  const wordShape = company ? /^[\p{L}&.'-]+$/u : /^[\p{L}'-]+$/u;
  if (!words.every((w) => wordShape.test(w))) return null;
  const folded = words.map((w) => foldText(w));
  const functionWord = folded.some(
    // A legal name joins with articles too ("Inversiones El Samán S.A.S.").
    (w, i) =>
      (STOP_WORDS.has(w) || NOT_NAME_WORDS.has(w)) && !(i > 0 && (NAME_JOINER.has(w) || (company && w === "el"))),
  );
  if (functionWord || (!company && findCity(candidate) === candidate)) return null;
  return company ? candidate : titleCase(candidate);
}
