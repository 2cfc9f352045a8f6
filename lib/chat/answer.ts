import { type ModelMessage, streamText } from "ai";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { AnswerFacts } from "@/lib/agent/wording/facts";
import { renderSystemPrompt } from "@/lib/agent/wording/prompts";
import type { HistoryTurn, Tone } from "@/lib/agent/types";
import type { ChatModel } from "@/lib/ai/providers";
import { log } from "@/lib/log";

// Phrasing the facts: stream the model's real deltas; on error, timeout or an answer that states money the
// facts do not contain, the turn still succeeds with the offline composer's answer (deterministic, from
// the same facts). `fallback` tells callers the streamed deltas were replaced by `text`.
export type AnswerResult = {
  text: string;
  model: string;
  modelMs: number;
  fallback: null | "error" | "timeout" | "unverified_amount" | "empty";
  /** True when deltas already sent differ from `text` (clients must show `text`). */
  replaced: boolean;
};

export type AnswerRequest = {
  chatModel: ChatModel;
  facts: AnswerFacts;
  history: HistoryTurn[];
  text: string;
  tone?: Tone;
  instructions?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onDelta?: (delta: string) => void;
};

const MONEY = /\$\s?(\d{1,3}(?:[.,]\d{3})+|\d+)/g;

function numbersIn(value: unknown, into: Set<number>): Set<number> {
  if (typeof value === "number") into.add(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, into);
  else if (value && typeof value === "object") for (const v of Object.values(value)) numbersIn(v, into);
  return into;
}

/** Every `$ N` in the answer must be a figure from the facts (prices come only from the database). */
export function statesOnlyKnownAmounts(text: string, facts: AnswerFacts): boolean {
  const known = numbersIn(facts, new Set());
  for (const match of text.matchAll(MONEY)) {
    const amount = Number((match[1] ?? "").replace(/[.,]/g, ""));
    if (!known.has(amount)) return false;
  }
  return true;
}

function historyMessages(history: HistoryTurn[], text: string): ModelMessage[] {
  return [...history.map((t): ModelMessage => ({ role: t.role, content: t.text })), { role: "user", content: text }];
}

export async function answerTurn(request: AnswerRequest): Promise<AnswerResult> {
  const { chatModel, facts } = request;
  const offlineText = () => composeAnswer(facts, { tone: request.tone, instructions: request.instructions });
  const started = performance.now();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let text = "";
  let failure: AnswerResult["fallback"] = null;
  try {
    const result = streamText({
      model: chatModel.model,
      system: renderSystemPrompt(facts, { tone: request.tone, instructions: request.instructions }),
      messages: historyMessages(request.history, request.text),
      abortSignal: signal,
      maxRetries: 0,
      temperature: chatModel.kind === "offline" ? 0 : 0.3,
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        text += part.text;
        request.onDelta?.(part.text);
      } else if (part.type === "error") {
        throw part.error;
      } else if (part.type === "abort") {
        throw new Error("aborted");
      }
    }
  } catch (error) {
    failure = timeout.aborted ? "timeout" : "error";
    log.warn("answer model failed, using the offline answer", { model: chatModel.name, failure, err: error });
  }
  if (!failure && text.trim() === "") failure = "empty";
  if (!failure && chatModel.kind !== "offline" && !statesOnlyKnownAmounts(text, facts)) failure = "unverified_amount";
  const modelMs = Math.round(performance.now() - started);
  if (!failure) return { text, model: chatModel.name, modelMs, fallback: null, replaced: false };
  const fallbackText = offlineText();
  const replaced = text !== "";
  if (!replaced) request.onDelta?.(fallbackText);
  return { text: fallbackText, model: `offline (respaldo de ${chatModel.name})`, modelMs, fallback: failure, replaced };
}
