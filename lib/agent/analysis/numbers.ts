// Spanish number words → digits over folded tokens ("treinta y cinco" → 35, "media docena" → 6), from the
// lexicon. A misspelt number word ("dosena", "beinte", "kinse") is recognised by one mechanism: it sounds
// like a number word (the same phonetic key) and stands where a quantity stands (before a word that is not a
// function word), so "lo siento" is never a hundred.

import { lexicon } from "../lexicon";
import { FuzzyVocabulary } from "./fuzzy";
import { phoneticKey } from "./phonetic";

// Tables without a prototype: a customer's word such as "constructor" must never read an Object member.
const table = (entries: Record<string, number>): Record<string, number> =>
  Object.assign(Object.create(null) as Record<string, number>, entries);
const UNITS = table(lexicon.numbers.units);
const TENS = table(lexicon.numbers.tens);
const HUNDREDS = table(lexicon.numbers.hundreds);
const GROUPS = table(lexicon.numbers.groups);
const THOUSAND = lexicon.numbers.thousand;
const HALF = new Set(lexicon.numbers.half);
const MULTIPLIERS: Record<string, number> = { [THOUSAND]: 1000, millon: 1_000_000, millones: 1_000_000 };

const NUMBER_WORDS = new Set([...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(HUNDREDS), THOUSAND]);
const GROUP_WORDS = new Set(Object.keys(GROUPS));
const SOUND_ALIKES = new Set(lexicon.quantityFrames.soundAlikes);

/** Number and group words by sound; short words are left out (too many real words sound like them). */
const BY_SOUND = new Map<string, string>();
for (const word of [...NUMBER_WORDS, ...GROUP_WORDS])
  if (word.length >= 4 && !BY_SOUND.has(phoneticKey(word))) BY_SOUND.set(phoneticKey(word), word);

// A letter dropped from a number word that its sound key does not catch: any letter of a long word ("trenta",
// "sesnta"); in a shorter one only a vowel of a diphthong written as one ("sete", "neve", "catro").
const SPELLED_WORDS = new FuzzyVocabulary([...NUMBER_WORDS, ...GROUP_WORDS].filter((w) => w.length >= 5));
const VOWEL = /[aeiou]/;
function droppedDiphthongVowel(token: string, word: string): boolean {
  let at = 0;
  while (at < token.length && token[at] === word[at]) at++;
  return VOWEL.test(word[at] ?? "") && (VOWEL.test(word[at - 1] ?? "") || VOWEL.test(word[at + 1] ?? ""));
}
function slipOf(token: string): string | undefined {
  const [best, second] = SPELLED_WORDS.lookup(token, 2);
  // Only a dropped letter: a changed one turns real words into numbers too often.
  const unique =
    best && best.distance === 1 && best.term.length === token.length + 1 && (!second || second.distance > 1);
  if (!unique || best.term[0] !== token[0]) return undefined;
  return token.length >= 6 || droppedDiphthongVowel(token, best.term) ? best.term : undefined;
}

/** The number or group word a token spells, allowing misspellings only where a quantity can stand. */
export function spelledNumberWord(token: string, next: string | undefined, previous?: string): string | null {
  if (NUMBER_WORDS.has(token) || GROUP_WORDS.has(token)) return token;
  if (token.length < 4 || /\d/.test(token) || lexicon.stopwords.has(token) || SOUND_ALIKES.has(token)) return null;
  const word = BY_SOUND.get(phoneticKey(token)) ?? slipOf(token);
  if (!word) return null;
  const beforeWord = next !== undefined && !lexicon.stopwords.has(next) && !/^\d/.test(next);
  const beforeOf = next === "de" || next === "pares" || next === "unidades";
  const afterCue = previous !== undefined && QUANTITY_CUES.has(previous);
  return beforeWord || beforeOf || afterCue ? word : null;
}

// Words after which a number is how many ("que sean sinco", "son dose"), even at the end of the message.
const QUANTITY_CUES = new Set([
  "sean",
  "sea",
  "son",
  "eran",
  "era",
  "serian",
  "seria",
  "dame",
  "deme",
  "solo",
  "ponle",
  "ponme",
  "pongale",
  "mejor",
  "mentiras",
  "digo",
  "perdon",
  "corrijo",
]);

/** Value of a single correctly spelt number word (or digits), or null. */
export function parseNumberWord(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return UNITS[word] ?? TENS[word] ?? HUNDREDS[word] ?? (word === THOUSAND ? 1000 : null);
}

function isNumberWord(word: string | undefined): word is string {
  return word !== undefined && NUMBER_WORDS.has(word);
}

/** Reads a number phrase starting at `start`; returns value and tokens consumed (0 if none). */
function readNumber(tokens: readonly string[], start: number): { value: number; used: number } {
  let i = start;
  let total = 0;
  let current = 0;
  let seen = false;
  let afterTens = false;
  while (i < tokens.length) {
    const word = tokens[i] as string;
    // "metro veinte, dos de esas": after a unit or a ten (its "y" read with it), a unit or a ten is another number.
    if (afterTens && (word in UNITS || word in TENS)) break;
    afterTens = word in UNITS || word in TENS;
    if (word in HUNDREDS) current += HUNDREDS[word] as number;
    else if (word in TENS) {
      current += TENS[word] as number;
      // "treinta y cinco": the "y" only joins tens with a following unit word.
      const unitWord = tokens[i + 2];
      const unit = unitWord === undefined ? 0 : (UNITS[unitWord] ?? 0);
      if (tokens[i + 1] === "y" && unit > 0 && unit < 10) {
        current += unit;
        i += 2;
      }
    } else if (word in UNITS) current += UNITS[word] as number;
    else if (word === THOUSAND) {
      total += (current || 1) * 1000;
      current = 0;
    } else break;
    seen = true;
    i++;
  }
  return seen ? { value: total + current, used: i - start } : { value: 0, used: 0 };
}

const ONLY = new Set(["solo", "sola"]);

/**
 * Replaces number phrases with digit tokens. Groups multiply: "una docena" → 12, "media docena" → 6,
 * "dos docenas" → 24, "docena" alone → 12. "100 mil" stays money-sized (100000).
 */
export function replaceNumberWords(input: readonly string[], options: { typos?: boolean } = {}): string[] {
  // Misspellings are looked for only in what customers write, never in catalogue text being indexed.
  const tokens = options.typos ? input.map((t, i) => spelledNumberWord(t, input[i + 1], input[i - 1]) ?? t) : input;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const word = tokens[i] as string;
    const group = GROUPS[tokens[i + 1] ?? ""];
    if (HALF.has(word) && group) {
      out.push(String(group / 2));
      i += 2;
      continue;
    }
    if (GROUP_WORDS.has(word)) {
      out.push(String(GROUPS[word]));
      i++;
      continue;
    }
    let value: number | null = null;
    let used = 0;
    if (/^\d+$/.test(word)) {
      value = Number(word);
      used = 1;
      const multiplier = MULTIPLIERS[tokens[i + 1] ?? ""];
      if (multiplier) {
        value *= multiplier;
        used = 2;
      }
    } else if (isNumberWord(word)) {
      const read = readNumber(tokens, i);
      value = read.value;
      used = read.used;
    }
    if (value !== null && used > 0) {
      // "una sola argolla": the intensifier between "one" and its noun goes, so the count meets the noun.
      if (value === 1 && used === 1 && ONLY.has(tokens[i + 1] ?? "") && tokens[i + 2] !== undefined) used = 2;
      const multiplier = GROUPS[tokens[i + used] ?? ""];
      if (multiplier) {
        // "dos docenas y media": half a group more.
        const andHalf = tokens[i + used + 1] === "y" && HALF.has(tokens[i + used + 2] ?? "");
        out.push(String(value * multiplier + (andHalf ? multiplier / 2 : 0)));
        i += used + 1 + (andHalf ? 2 : 0);
      } else {
        out.push(value === 0 && !/^\d+$/.test(word) ? word : String(value));
        i += used;
      }
      continue;
    }
    out.push(word);
    i++;
  }
  return out;
}
