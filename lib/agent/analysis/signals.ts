// Conversation signals (confirm, refuse, finish, cancel, greeting, thanks, asking for a person, for the cart,
// for a formal quote, for the catalogue), from the phrase lists in lexicon/signals.json.

import { compileCues, lexicon, type SignalName } from "../lexicon";
import { foldText } from "./normalize";

export type Signals = Record<SignalName, boolean> & {
  /** The yes is only an opener with more after it ("bueno, ahí miro"): too weak to close an order on. */
  weakYes: boolean;
};

const PATTERNS = Object.fromEntries(
  Object.entries(lexicon.signals).map(([name, cues]) => [name, compileCues(cues)]),
) as Record<SignalName, RegExp>;

export function cleanForSignals(text: string): string {
  return foldText(text)
    .replace(/[¿?¡!.,;:()"]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const NEGATED_CONFIRM = /\bno (confirmo|todavia|aun|estoy seguro)\b/;

// Putting the decision off is a refusal for now, whatever "listo" or "ok" opens the message: a time to come
// together with a deciding verb ("el lunes le confirmo"), or a check first ("déjeme consultarlo con compras").
const { deferral } = lexicon.quantityFrames;
const LATER = compileCues(deferral.later);
const DECIDE = compileCues(deferral.decide);
const CHECK_FIRST = compileCues(deferral.check);
const defers = (t: string) => CHECK_FIRST.test(t) || (LATER.test(t) && DECIDE.test(t));

const CONDITIONAL_YES = compileCues(lexicon.quantityFrames.conditionalYes.cues);
const WEAK_YES = compileCues(lexicon.quantityFrames.weakYes.cues);
const YES_FILLERS = new Set(lexicon.quantityFrames.weakYes.fillers);

/** "bueno, ahí miro": the only yes is an opener, and words that are neither a yes nor a filler follow it. */
function onlyWeakYes(t: string): boolean {
  const opener = WEAK_YES.exec(t);
  if (!opener) return false;
  const rest = t.slice(opener[0].length).trim();
  if (rest === "" || PATTERNS.confirm.test(rest)) return false;
  return rest.split(" ").some((word) => !YES_FILLERS.has(word));
}

// A question can say yes only in words ("confirmo, ¿cuándo llega?"): a "si" opening one is an "if" ("si no les
// queda la talla, ¿se pueden cambiar?"), and "¿me confirma…?" asks the shop to confirm something.
const CONFIRM_WORDS = compileCues(lexicon.signals.confirm.filter((cue) => !cue.startsWith("^")));
const ASKS_TO_CONFIRM = /\b(?:me|nos|le) confirm/;
const isQuestion = (text: string) => /[?¿]/.test(text);

/**
 * "sí, pero antes dígame…": a plain yes with a condition or a question after it waits for them. "confirmo, pero
 * la entrega el lunes" said the deciding word before the condition, so it stands.
 */
function conditionalYes(t: string): boolean {
  const condition = CONDITIONAL_YES.exec(t);
  return condition !== null && !CONFIRM_WORDS.test(t.slice(0, condition.index));
}

export function readSignals(text: string): Signals {
  const t = cleanForSignals(text);
  const confirmsInQuestion = CONFIRM_WORDS.test(t) && !ASKS_TO_CONFIRM.test(t);
  const has = (name: SignalName) => PATTERNS[name].test(t);
  const refuse = has("refuse") || defers(t);
  return {
    confirm:
      !refuse &&
      !NEGATED_CONFIRM.test(t) &&
      !conditionalYes(t) &&
      (isQuestion(text) ? confirmsInQuestion : has("confirm")),
    weakYes: !isQuestion(text) && onlyWeakYes(t),
    refuse,
    finish: has("finish"),
    nothingElse: has("nothingElse") && !defers(t),
    cancel: has("cancel"),
    greeting: has("greeting"),
    thanks: has("thanks"),
    handover: has("handover"),
    showCart: has("showCart"),
    quote: has("quote"),
    catalogue: has("catalogue"),
    help: has("help"),
    cheapest: has("cheapest"),
    priciest: has("priciest"),
    takeIt: !refuse && has("takeIt"),
  };
}

export const isConfirmation = (text: string) => readSignals(text).confirm;
export const isRefusal = (text: string) => readSignals(text).refuse;
export const isFinishCart = (text: string) => readSignals(text).finish;
export const isCancel = (text: string) => readSignals(text).cancel;
export const isGreeting = (text: string) => readSignals(text).greeting;
export const isThanks = (text: string) => readSignals(text).thanks;
