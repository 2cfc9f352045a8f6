// Customer data in free text: name, cédula/NIT/CE/pasaporte, mobile, address, city, email.
// Values are extracted loosely; lib/sales/validation decides whether they are acceptable.

import type { CustomerData, CustomerField, DocumentType } from "@/lib/sales/types";
import { normalizeNit } from "@/lib/sales/validation";
import { ADDRESS, labelledAddress, looseAddress, withNeighbourhood } from "./address";
import { findCity } from "./cities";
import {
  bareName,
  CARD_FIELD_BREAK,
  companyAfter,
  cutName,
  isCapitalisedName,
  LEADING_ACK,
  LEGAL_NAME,
  NAME_INTRO,
  nameFromContactCard,
} from "./person-name";

/**
 * `bare`: fields read by their shape alone — a reply that was only that value, or a lower-case name opening a card —
 * which the caller may veto (e.g. words that name a product).
 */
export type CustomerExtraction = { data: CustomerData; rest: string; bare: CustomerField[] };
/** `expected`: the fields the agent just asked for; a bare reply of that shape is that field. */
/** `nameLikely`: a cart waits for its data, so a reply of capitalised name words alone is the name. */
export type CustomerExtractionOptions = { expected?: readonly CustomerField[]; nameLikely?: boolean };

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const NIT = /\b(?:nit\.?\s*(?:es|:|n[uú]mero|no\.?)?\s*)?(\d{3}\.?\d{3}\.?\d{3}\s*-\s*\d)\b/i;
const NIT_KEYWORD = /\bnit\.?\s*(?:es|:|n[uú]mero|no\.?)?\s*(\d[\d.]{7,12})/i;
// The keyword is a word of its own ("Celina" opens with "Ce" but is no C.E.) and the number carries digits.
const DOCUMENT =
  /\b(c[eé]dula(?:\s+de\s+extranjer[ií]a)?|c\.?\s?c\.?|c\.?\s?e\.?|documento(?:\s+de\s+identidad)?|identificaci[oó]n|pasaporte)(?![a-záéíóúñ])\s*(?:es|:|n[uú]mero|no\.?|#|nro\.?)?\s*([A-Z]{0,2}[\d.\s]{3,16}\d|(?=[A-Z]*\d)[A-Z0-9]{5,12})/i;
const PHONE_KEYWORD =
  /\b(?:tel[eé]fono|celular|cel|tel|whats?app|m[oó]vil|n[uú]mero de contacto|contacto|mi n[uú]mero)\s*(?:es|:|n[uú]mero|#)?\s*((?:\+?57[\s-]?)?\(?\d[\d\s()-]{5,16}\d)/i;
const MOBILE = /(?:\+?57[\s-]?)?\b3\d{2}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b/;
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

const COMPANY_ONLY_INTRO = /^(?:somos|hablo de|les? habla(?:mos)? de|escribo de|de parte de)\b/i;

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
    const chunk = rest.split(CARD_FIELD_BREAK).find((c) => /^\s*(?:\d{1,3}(?:\.\d{3}){1,3}|\d{6,10})\s*$/.test(c));
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
  } else if (intro?.[1] && !COMPANY_ONLY_INTRO.test(intro[0])) {
    // "somos", "hablo de" name the speaker only as a company ("somos Montajes del Sur SAS", above).
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
  // The agent asks for what is missing: when the name is not among it, it was given, and an unlabelled chunk of a
  // later card (a barrio, a contact person) does not replace it. A company's legal name still does.
  const nameKnown = expected.size > 0 && !expectName;
  if (!data.name && (data.documentNumber || data.phone)) {
    // While a cart waits for its data, a card may open with the name typed in lower case.
    const card = nameFromContactCard(rest, expectName || !!options.nameLikely);
    if (card && (card.company || !nameKnown)) {
      data.name = card.name;
      if (card.lowerCase && !expectName) bare.push("name");
      rest = rest.replace(card.typed, " ");
    }
  }

  const city = findCity(rest) ?? (address ? findCity(text.slice(text.indexOf(address[0]) + address[0].length)) : null);
  if (city) {
    data.city = city;
    rest = rest.replace(new RegExp(`\\b${city}\\b`, "i"), " ");
  }
  return { data, rest, bare };
}

export function hasCustomerData(data: CustomerData): boolean {
  return Object.values(data).some((v) => v !== undefined && v !== "");
}
