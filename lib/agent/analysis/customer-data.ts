// Customer data in free text: name, cédula/NIT/CE/pasaporte, mobile, address, city, email.
// Values are extracted loosely; lib/sales/validation decides whether they are acceptable.

import type { CustomerData, CustomerField, DocumentType } from "@/lib/sales/types";
import { normalizeNit } from "@/lib/sales/validation";
import { findCity, isKnownCity } from "./cities";
import { foldText, STOP_WORDS } from "./normalize";

/** `bare`: fields read from a reply that was only that value (the caller may veto one, e.g. a product name). */
export type CustomerExtraction = { data: CustomerData; rest: string; bare: CustomerField[] };
/** `expected`: the fields the agent just asked for; a bare reply of that shape is that field. */
/** `nameLikely`: a cart waits for its data, so a reply of capitalised name words alone is the name. */
export type CustomerExtractionOptions = { expected?: readonly CustomerField[]; nameLikely?: boolean };

const NAME_WORD = "[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+";
const NAME_STOP = new Set(
  "con y mi mis cedula cédula cc nit documento telefono teléfono celular cel tel direccion dirección correo email vivo en barrio dir desde identificado identificada de del la el un una muy yo cliente para".split(
    " ",
  ),
);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const NIT = /\b(?:nit\.?\s*(?:es|:|n[uú]mero|no\.?)?\s*)?(\d{3}\.?\d{3}\.?\d{3}\s*-\s*\d)\b/i;
const NIT_KEYWORD = /\bnit\.?\s*(?:es|:|n[uú]mero|no\.?)?\s*(\d[\d.]{7,12})/i;
const DOCUMENT =
  /\b(c[eé]dula(?:\s+de\s+extranjer[ií]a)?|c\.?\s?c\.?|c\.?\s?e\.?|documento(?:\s+de\s+identidad)?|identificaci[oó]n|pasaporte)\s*(?:es|:|n[uú]mero|no\.?|#|nro\.?)?\s*([A-Z]{0,2}[\d.\s]{3,16}\d|[A-Z0-9]{5,12})/i;
const PHONE_KEYWORD =
  /\b(?:tel[eé]fono|celular|cel|tel|whats?app|m[oó]vil|n[uú]mero de contacto|contacto|mi n[uú]mero)\s*(?:es|:|n[uú]mero|#)?\s*((?:\+?57[\s-]?)?\(?\d[\d\s()-]{5,16}\d)/i;
const MOBILE = /(?:\+?57[\s-]?)?\b3\d{2}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b/;
const ADDRESS =
  /\b(?:calle|cll|cl|carrera|cra|kra|kr|cr|avenida|av|transversal|tv|trans|diagonal|dg|diag|autopista|circular)\.?\s*\d+\s*[a-z]?(?:\s*bis)?\s*(?:#|no\.?|n°|nº|n[uú]mero|num\.?)\s*\d+\s*[a-z]?\s*-\s*\d+[a-z]?(?:\s*,?\s*(?:apto|apartamento|casa|bodega|local|oficina|of|int|interior|torre|piso|barrio)\.?\s*[\w-]+)*/i;
// A company's legal name keeps its articles ("Montajes La Ceiba SAS"); it ends at a comma or the next field.
const LEGAL_NAME =
  /\b(?:raz[oó]n social|empresa a nombre de)\s*(?:es|:)?\s*([\p{L}][\p{L}\d&.' -]{1,79}?)(?=\s*(?:[,;\n]|$|\bnit\b|\bc[eé]dula\b|\btel|\bcel|\bdirecci))/iu;
// Control words that can look like a two-word name when the name is expected ("de una", "sí señor").
const NOT_NAME_WORDS = new Set(
  "de una un si no listo dale ok claro eso todo es gracias hola buenas bueno mejor ya senor señor confirmo hagale por favor despues luego".split(
    " ",
  ),
);
const NAME_INTRO = new RegExp(
  `\\b(?:me llamo|mi nombre es|mi nombre:|nombre(?: completo)?:?|a nombre de|soy)\\s+((?:${NAME_WORD})(?:\\s+${NAME_WORD}){0,4})`,
  "i",
);

// Labels customers put before a contact card: "mis datos: …", "nombre completo: …".
const CARD_LABEL =
  /^\s*(?:(?:mis|los|sus) )?(?:datos(?: son| del cliente| de facturaci[oó]n)?|nombre(?: completo)?|cliente)\s*[:=-]?\s*/iu;
// "Es para Constructora X S.A.S., NIT …" / "facturar a …": who the order is for, before a company's name.
const BILL_TO = /^\s*(?:es\s+)?(?:para|a nombre de|facturar a|f[aá]ctur(?:e|ele|enos)\s+a|a favor de)\s+/iu;
const CARD_NAME = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){1,4}$`, "u");

/**
 * "Rosa Lía Ortiz, cédula 1020304050, celular …": in a message that carries a document or phone, a
 * separate chunk made only of 2–5 name-like words is the name. Lower-case chunks only when a name is
 * expected, so "cascos blancos, cc …" is not taken for a person.
 */
function nameFromContactCard(rest: string, expectName: boolean): string | null {
  for (const raw of rest.split(/[,;\n|]|(?<=[a-z\d])[.!?]\s+/)) {
    const company = bareName(raw.replace(CARD_LABEL, "").replace(BILL_TO, ""));
    if (company && COMPANY_SUFFIX.test(company)) return company;
    const chunk = raw
      .replace(CARD_LABEL, "")
      .trim()
      .replace(/[.!]+$/, "");
    if (!CARD_NAME.test(chunk)) continue;
    const words = chunk.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase());
    if (lower.some((w) => NOT_NAME_WORDS.has(w) || NAME_STOP.has(w)) || cityLike(chunk, rest.replace(raw, " ")))
      continue;
    if (!expectName && !words.every((w) => /^\p{Lu}/u.test(w))) continue;
    return titleCase(chunk);
  }
  return null;
}

/**
 * "Yumbo Valle" is a place; "Wilmer Andrés Cuero" is a person whose last surname is also a town. A card
 * of three or more words that does not open with the town is a name.
 */
const PLACE_PREPOSITIONS = new Set(["a", "en", "de", "para", "hasta", "desde", "por", "hacia"]);

function cityLike(chunk: string, elsewhere: string): boolean {
  const city = findCity(chunk);
  if (!city) return false;
  const words = chunk.split(/\s+/);
  const at = words.findIndex((w) => findCity(w) !== null);
  const afterPreposition = PLACE_PREPOSITIONS.has((words[at - 1] ?? "").toLowerCase());
  // Two words ending in a town are a person too when the card names its city elsewhere ("… Mosquera, …, Cali").
  const short = words.length < 3 && findCity(elsewhere) === null;
  return short || at <= 0 || afterPreposition || isKnownCity(chunk);
}

function titleCase(name: string): string {
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

function cutName(raw: string): string | null {
  const words: string[] = [];
  for (const word of raw.split(/\s+/)) {
    if (NAME_STOP.has(word.toLowerCase())) break;
    words.push(word);
  }
  return words.length > 0 ? titleCase(words.join(" ")) : null;
}

/** The number said after a phone word ("cel 318 777 6655"), in ten digits; null when there is none. */
export function phoneAfterKeyword(text: string): string | null {
  const raw = text.match(PHONE_KEYWORD)?.[1];
  return raw ? normalizePhone(raw) : null;
}

function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  return digits.length === 12 && digits.startsWith("57") ? digits.slice(2) : digits;
}

function documentType(keyword: string): DocumentType {
  const k = keyword.toLowerCase();
  if (k.includes("extranjer") || /^c\.?\s?e\.?$/.test(k)) return "CE";
  if (k.startsWith("pasaporte")) return "PASAPORTE";
  return "CC";
}

const NEIGHBOURHOOD_STOP = new Set([...NAME_STOP, "y", "e", "ciudad", "tel", "cel", "celular", "telefono", "teléfono"]);

/** "cra 15 #26-40 barrio el Guabal cali": a neighbourhood runs on past its first word, up to the city. */
function withNeighbourhood(text: string, match: RegExpMatchArray | null): RegExpMatchArray | null {
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
function labelledAddress(text: string): RegExpMatchArray | null {
  const match = text.match(LABELLED_ADDRESS);
  const value = match?.[1] ?? "";
  if (!match || /[?¿]/.test(text) || /^(de|del|su|sus|tu|la)\b/i.test(value)) return null;
  return /\d/.test(value) || RURAL.test(value) ? match : null;
}

/** Extracts customer fields and returns the text with those spans blanked out. */
export function extractCustomerData(text: string, options: CustomerExtractionOptions = {}): CustomerExtraction {
  const expected = new Set(options.expected ?? []);
  const expectDocument = expected.has("documentNumber");
  const expectName = expected.has("name");
  const bare: CustomerField[] = [];
  let rest = text;
  const data: CustomerData = {};
  const take = (match: RegExpMatchArray | null) => {
    if (match) rest = rest.replace(match[0], " , ");
  };

  const email = rest.match(EMAIL);
  if (email) data.email = email[0].toLowerCase();
  take(email);

  const strictAddress = withNeighbourhood(rest, rest.match(ADDRESS));
  // "dirección km 3 vía Candelaria": what follows the label is the address, whatever its format.
  const labelled = strictAddress ? null : labelledAddress(rest);
  const address = strictAddress ?? (expected.has("address") && !labelled ? looseAddress(rest) : null);
  if (address && !strictAddress) bare.push("address");
  const written = address?.[0] ?? labelled?.[1];
  if (written)
    data.address = written
      .replace(/\s+/g, " ")
      .replace(/[\s,]+$/, "")
      .trim();
  take(address ?? labelled);

  const nit = rest.match(NIT) ?? rest.match(NIT_KEYWORD);
  if (nit?.[1]) {
    data.documentType = "NIT";
    data.documentNumber = normalizeNit(nit[1]);
    take(nit);
  }

  const phoneKeyword = rest.match(PHONE_KEYWORD);
  if (phoneKeyword?.[1]) data.phone = normalizePhone(phoneKeyword[1]);
  take(phoneKeyword);

  if (!data.documentNumber) {
    const document = rest.match(DOCUMENT);
    if (document?.[1] && document[2]) {
      data.documentType = documentType(document[1]);
      data.documentNumber =
        data.documentType === "PASAPORTE"
          ? document[2].replace(/[\s.]/g, "").toUpperCase()
          : document[2].replace(/\D/g, "");
      take(document);
    }
  }

  // A bare mobile only after keyword documents are gone, so a cédula is never mistaken for a phone; when the
  // agent asked only for the document, a bare number is the document whatever it starts with.
  const documentOnly = expectDocument && !expected.has("phone");
  if (!data.phone && !documentOnly) {
    const mobile = rest.match(MOBILE);
    if (mobile) data.phone = normalizePhone(mobile[0]);
    take(mobile);
  }

  if (!data.documentNumber && (data.phone || data.address)) {
    // A contact card ("Ana Ruiz, 1061723456, 3209871234, …"): a chunk that is only a 6–10 digit number is the
    // document once the mobile is taken.
    // Without commas, the one such number left in the message is it ("Ana Ruiz 1061723456 3209871234 calle …").
    const chunk = rest.split(/[,;\n|]/).find((c) => /^\s*(?:\d{1,3}(?:\.\d{3}){1,3}|\d{6,10})\s*$/.test(c));
    const numbers = rest.match(/(?<![\d.#-])(?:\d{1,3}(?:\.\d{3}){1,3}|\d{6,10})(?![\d.-])/g) ?? [];
    const only = chunk ?? (numbers.length === 1 ? numbers[0] : undefined);
    if (only) {
      data.documentType = "CC";
      data.documentNumber = only.replace(/\D/g, "");
      rest = rest.replace(only, " , ");
    }
  }

  if (!data.documentNumber) {
    if (expectDocument) {
      const bare = rest.match(/\b\d{1,3}(?:\.\d{3}){1,3}\b|\b\d{6,10}\b/);
      if (bare) {
        data.documentType = "CC";
        data.documentNumber = bare[0].replace(/\D/g, "");
        take(bare);
      }
    }
  }

  const legal = rest.match(LEGAL_NAME);
  const intro = legal ? null : rest.match(NAME_INTRO);
  if (legal?.[1]) {
    data.name = legal[1].trim();
    take(legal);
  } else if (intro?.[1] && companyAfter(rest, intro.index ?? 0)) {
    const company = companyAfter(rest, intro.index ?? 0) as string;
    data.name = company;
    rest = rest.replace(company, " , ");
  } else if (intro?.[1]) {
    const name = cutName(intro[1]);
    // "soy maestro de obra" says what the speaker does; "soy Juan Pérez" (or "soy juan" when asked) names them.
    const soy = intro[0].toLowerCase().startsWith("soy");
    const occupation = soy && !expectName && !options.nameLikely && !/^\p{Lu}/u.test(intro[1]);
    if (name && !occupation && !(soy && findCity(name) === name)) {
      data.name = name;
      take(intro);
    }
  } else if (expectName || options.nameLikely) {
    // "listo, Hernán Valencia": a yes before the name is not part of it.
    const reply = rest.replace(LEADING_ACK, "");
    const name = bareName(reply);
    if (name && (expectName || isCapitalisedName(reply))) {
      data.name = name;
      bare.push("name");
      rest = " ";
    }
  }
  if (!data.name && (data.documentNumber || data.phone)) {
    const card = nameFromContactCard(rest, expectName);
    if (card) {
      data.name = card;
      rest = rest.replace(card, " ");
    }
  }

  const city = findCity(rest) ?? (address ? findCity(text.slice(text.indexOf(address[0]) + address[0].length)) : null);
  if (city) {
    data.city = city;
    rest = rest.replace(new RegExp(`\\b${city}\\b`, "i"), " ");
  }
  return { data, rest, bare };
}

/** "a nombre de Bodegas del Pacífico S.A.S., NIT …": a legal name runs up to its company suffix. */
function companyAfter(text: string, from: number): string | null {
  const tail = text
    .slice(from)
    .replace(/^\s*(?:me llamo|mi nombre es|mi nombre:|nombre(?: completo)?:?|a nombre de|soy)\s+/i, "");
  const match =
    /^([\p{L}][\p{L}\d&.' -]{1,70}?\b(?:s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|ltda\.?|limitada|e\.?\s?u\.?))(?=[\s,;]|$)/iu.exec(
      tail,
    );
  return match?.[1]?.trim() ?? null;
}

const LEADING_ACK = /^\s*(?:(?:listo|ok|okey|dale|bueno|bien|claro|perfecto|s[ií]|de una|vale)\s*[,.:!-]*\s+)+/iu;
const COMPANY_SUFFIX = /\b(s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|ltda\.?|limitada|e\.?\s?u\.?|& c[ií]a\.?)\s*$/iu;
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
function bareName(text: string): string | null {
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

const STREET =
  /\b(?:calle|cll|cl|carrera|cra|kra|kr|cr|avenida|av|transversal|tv|diagonal|dg|autopista|circular|manzana|mz|vereda|km|kilometro|kil[oó]metro|conjunto|edificio|urbanizaci[oó]n|barrio)\.?\s*\d*/i;

/** When the agent asked for the address: a street word with a number is the address, whatever its format. */
// Rural addresses name a place, not a street number: "finca La Esperanza, vereda El Carmen".
const RURAL = /\b(?:finca|vereda|corregimiento|hacienda|parcela|parcelaci[oó]n|sector|km|kil[oó]metro|v[ií]a a)\b/i;

function looseAddress(text: string): RegExpMatchArray | null {
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

export function hasCustomerData(data: CustomerData): boolean {
  return Object.values(data).some((v) => v !== undefined && v !== "");
}
