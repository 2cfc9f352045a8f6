// Conversation signals (confirm, refuse, finish, cancel, greeting, thanks, asking for a person, for the cart,
// for a formal quote, for the catalogue), from the phrase lists in lexicon/signals.json.

import { compileCues, lexicon, type SignalName } from "../lexicon";
import { foldText } from "./normalize";

export type Signals = Record<SignalName, boolean>;

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

export function readSignals(text: string): Signals {
  const t = cleanForSignals(text);
  const has = (name: SignalName) => PATTERNS[name].test(t);
  const refuse = has("refuse") || defers(t);
  return {
    confirm: !refuse && !NEGATED_CONFIRM.test(t) && has("confirm"),
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
  };
}

export const isConfirmation = (text: string) => readSignals(text).confirm;
export const isRefusal = (text: string) => readSignals(text).refuse;
export const isFinishCart = (text: string) => readSignals(text).finish;
export const isCancel = (text: string) => readSignals(text).cancel;
export const isGreeting = (text: string) => readSignals(text).greeting;
export const isThanks = (text: string) => readSignals(text).thanks;
