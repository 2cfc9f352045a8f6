// Choosing among products, one question at a time: a request naming several products that each need a choice
// keeps the later ones waiting behind the open one (see README.md).

import type { PendingQuestion, QueuedChoice, SaleOutcome, SaleStep } from "./types";

/** The question for a choice, and how it is put: a lone product with no count asks how many. */
export function choiceQuestion(
  options: string[],
  quantity: number | null,
  queued: QueuedChoice[] = [],
): PendingQuestion {
  return { kind: "choose_product", options, quantity, ...(queued.length > 0 ? { queued } : {}) };
}

export function choiceOutcome(options: string[], quantity: number | null): SaleOutcome {
  return options.length === 1 && quantity === null
    ? { type: "quantity_missing", sku: options[0] as string }
    : { type: "ambiguous", options, quantity };
}

/**
 * Several products of one request to choose are asked one at a time: once a cart change settles the open choice
 * (or takes it back), the next waiting one becomes the question. A product given now answers a waiting choice
 * that offered it. A stock offer raised by the answer is asked first; the waiting choices then stay unasked
 * until the customer names them again (not modelled further).
 */
export function advanceChoices(before: PendingQuestion | null, step: SaleStep, given?: string): SaleStep {
  const waiting = before?.kind === "choose_product" ? (before.queued ?? []) : [];
  if (waiting.length === 0) return step;
  const left = given ? waiting.filter((q) => !q.options.includes(given)) : waiting;
  const pending = step.snapshot.pending;
  if (pending?.kind === "choose_product") {
    // Still open: only its queue changes (a reminder or a swap it stands for stay as they were).
    const { queued: _, ...open } = pending;
    return { ...step, snapshot: { ...step.snapshot, pending: left.length > 0 ? { ...open, queued: left } : open } };
  }
  if (pending?.kind === "stock_offer" || left.length === 0) return step;
  const [next, ...rest] = left as [QueuedChoice, ...QueuedChoice[]];
  return {
    snapshot: { ...step.snapshot, pending: choiceQuestion(next.options, next.quantity, rest) },
    outcomes: [...step.outcomes, choiceOutcome(next.options, next.quantity)],
  };
}
