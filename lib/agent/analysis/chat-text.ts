// WhatsApp spelling → standard words before any rule runs: "q" → "que", "pa" → "para",
// "kiero" → "quiero", "xfa" → "por favor". Whole words only; everything else is left as typed
// (names, numbers, addresses keep their case and punctuation). The spellings are data: lexicon/chat.json.

import { lexicon } from "../lexicon";
import { foldText } from "./normalize";

const WORDS: Readonly<Record<string, string>> = lexicon.chat;
// "clase k", "tipo q": a letter after an attribute's label is its value, not a chat spelling.
const LABELS = new Set(lexicon.attributes.numberLabels);
const PREVIOUS_WORD = /([\p{L}]+)\s*$/u;
const afterLabel = (before: string) => LABELS.has(foldText(PREVIOUS_WORD.exec(before)?.[1] ?? ""));

// "x" is "por" only between words ("x favor"), never in sizes or packs ("caja x20", "30 x 20").
const X_AS_POR = /(^|\s)x(?=\s+[a-záéíóúñ])/giu;

const WORD = /(?<![\p{L}\d@._-])[\p{L}]+(?![\p{L}\d@_-])/gu;

// "ay" is "hay" misspelt ("ay cascos?") unless it is the interjection: "ay, perdón", "ay no, mejor…".
const INTERJECTION_AFTER = /^\s*[,!.]|^\s+(?:no|si|sí|perd[oó]n|qu[eé] pena|disculp\w*|mejor|dios|caramba|jue\w*)\b/iu;

/** Rewrites chat abbreviations and common misspellings of function words and verbs. */
export function expandChatAbbreviations(text: string): string {
  return text
    .replace(X_AS_POR, (_m, space: string) => `${space}por`)
    .replace(WORD, (word: string, offset: number, whole: string) => {
      // Single letters only when typed in lower case and not an address suffix ("Calle 5 D # 38-25").
      const before = whole.slice(0, offset);
      if (word.length === 1 && (word !== word.toLowerCase() || /\d\s*$/.test(before) || afterLabel(before)))
        return word;
      if (word.toLowerCase() === "ay" && INTERJECTION_AFTER.test(whole.slice(offset + word.length))) return word;
      return WORDS[word.toLowerCase()] ?? word;
    });
}
