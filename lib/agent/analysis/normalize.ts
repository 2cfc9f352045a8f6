// Spanish text analyser shared by the catalog index, the extractor and the DB `searchText` column.
// Everything is accent-free lower case so "Extintóres", "extintores" and "EXTINTOR" meet.

import { lexicon } from "../lexicon";
import { replaceNumberWords } from "./numbers";

export { parseNumberWord, replaceNumberWords } from "./numbers";

/** Lower-case, strip accents (ñ→n), collapse whitespace. Keeps punctuation. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Measurement words → canonical unit ("libras" → "lb"), from the lexicon. */
const UNIT_ALIASES = new Map(lexicon.units.measures.flatMap((m) => m.words.map((w) => [w, m.unit] as const)));
const DIMENSIONS = new Map(lexicon.units.measures.map((m) => [m.unit, m.dimension]));

/** Canonical unit for a measurement word ("libras" → "lb"), or null. */
export function canonicalUnit(word: string): string | null {
  return UNIT_ALIASES.get(word) ?? null;
}

/** What a canonical unit measures ("lb" → "masa"), so "10 libras" can be compared with "4.5 kg". */
export function dimensionOf(unit: string): string | null {
  return DIMENSIONS.get(unit) ?? null;
}

/** Folded word tokens; "20lb" → ["20","lb"], "1.000" → ["1000"], "2.5" stays one token. */
export function tokenize(text: string): string[] {
  const folded = foldText(text)
    .replace(/(\d)\.(\d{3})(?!\d)/g, "$1$2")
    .replace(/(\d)\.(\d{3})(?!\d)/g, "$1$2")
    .replace(/\b(\d+)([a-z]+)\b/g, (whole, digits: string, letters: string) =>
      UNIT_ALIASES.has(letters) ? `${digits} ${letters}` : whole,
    );
  return folded.match(/[a-z0-9]+(?:\.\d+)?/g) ?? [];
}

// Function words and chat verbs that never identify a product (lexicon/stopwords.json).
export const STOP_WORDS: ReadonlySet<string> = lexicon.stopwords;

// Irregular forms the suffix rules would mangle; value is the shared stem.
const STEM_EXCEPTIONS: Record<string, string> = {
  arnes: "arnes",
  arneses: "arnes",
  gases: "gas",
  gas: "gas",
  tenis: "tenis",
  mes: "mes",
  meses: "mes",
  luces: "luz",
  oidos: "oid",
  oido: "oid",
};

/** Light Spanish stemmer: plural → singular, gender and a few derivations ("soldar"/"soldador" → "sold"). */
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = stemUncached(word);
  if (stemCache.size < 100_000) stemCache.set(word, result);
  return result;
}

function stemUncached(word: string): string {
  const exception = STEM_EXCEPTIONS[word];
  if (exception) return exception;
  if (word.length <= 3 || /\d/.test(word)) return word;
  // proteger / protector / protección / protege: one family for "cuidar la espalda".
  if (/^prote[cgj]/.test(word)) return "proteg";
  let s = word;
  if (s.endsWith("ces") && s.length > 5) s = `${s.slice(0, -3)}z`;
  else if (s.endsWith("iones")) s = s.slice(0, -2);
  else if (/[rlndjz]es$/.test(s) && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith("s") && !s.endsWith("ss")) s = s.slice(0, -1);
  s = s.replace(/(.{3,})(?:adora|ador|adura|acion)$/, "$1");
  if (s.length >= 6) s = s.replace(/(.{4,})(?:ar|er|ir)$/, "$1");
  // The gender vowel, and the -e of "grande"/"verde"/"cable", whose plurals lost "-es" above.
  if (s.length >= 5 && /[aoe]$/.test(s)) s = s.slice(0, -1);
  return s;
}

// Spanish diminutives on a stem: "sellit(os)", "botiquincit(o)", "guantecit(os)", "cintic(as)".
const DIMINUTIVE = /^(.{2,}?)(?:ecit|cit|it|ic)$/;

// Verb forms a request puts a service's noun in: "que me recarguen", "recargan", "recarguemos", "instalen".
const VERB_FORM = /^(.{4,}?)(?:aron|ieron|emos|amos|en|an)$|^(.{4,}?[gq]u)$/;

/**
 * The noun stems a conjugated verb may stand for ("recarguen" → "recarg" of "Recarga de extintor"), for a term
 * the catalogue does not have: callers keep only the ones their vocabulary holds.
 */
export function verbBases(term: string): string[] {
  const match = VERB_FORM.exec(term);
  const base = match ? ((match[1] ?? match[2]) as string) : null;
  if (!base) return [];
  return [base.replace(/gu$/, "g").replace(/qu$/, "c")];
}

/** Diminutive and verb readings of a term the catalogue lacks (see both). */
export function formBases(term: string): string[] {
  return [...diminutiveBases(term), ...verbBases(term)];
}

/**
 * The stems a diminutive may stand for ("sellit" → "sell", "casquit" → "casc", "conit" → "cono"), for a term
 * the catalogue does not have: callers keep only the ones their vocabulary holds, so a real word is never cut.
 */
export function diminutiveBases(term: string): string[] {
  const match = DIMINUTIVE.exec(term);
  if (!match || term.length < 5) return [];
  const base = (match[1] as string).replace(/qu$/, "c").replace(/gu$/, "g");
  if (base.length < 3) return [];
  return [...new Set([base, stem(`${base}o`), stem(`${base}a`)])];
}

/** Tokens with number words as digits, number+unit glued ("10 libras" → "10lb"), "talla 40" → "talla40". */
export function expandMeasurements(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const unit = next === undefined ? null : canonicalUnit(next);
    if (/^\d+(\.\d+)?$/.test(token) && unit) {
      out.push(token, `${token}${unit}`);
      i++;
      continue;
    }
    if (token === "talla" && next !== undefined && /^(\d{1,2}|xs|s|m|l|xl|xxl)$/.test(next)) {
      out.push(next, `talla${next}`);
      i++;
      continue;
    }
    out.push(token);
  }
  return out;
}

const ARTICLES = new Set(["un", "una", "uno", "unos", "unas"]);

export type AnalyzeOptions = { keepStopWords?: boolean };

/** The search analyser: fold, tokenise, number words, measurements, stop words, stemming. */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  // Articles "un/una" are quantities only for the extractor; for search they are noise.
  const raw = tokenize(text).filter(
    (t, i, all) => !ARTICLES.has(t) || all[i + 1] === "docena" || all[i + 1] === "decena" || all[i + 1] === "mil",
  );
  const tokens = expandMeasurements(replaceNumberWords(raw));
  const terms: string[] = [];
  for (const token of tokens) {
    if (!options.keepStopWords && STOP_WORDS.has(token)) continue;
    if (token.length === 1 && !/\d/.test(token)) continue;
    terms.push(stem(token));
  }
  return terms;
}

/** Stored in the DB `searchText` column so console LIKE search uses the same analyser. */
export function normalizeForSearch(text: string): string {
  return analyze(text).join(" ");
}
