import { type ModelMessage, streamText } from "ai";
import type { HistoryTurn, Tone } from "@/lib/agent/types";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { AnswerFacts } from "@/lib/agent/wording/facts";
import { checkAnswer, type FactsProblem } from "@/lib/agent/wording/facts-check";
import { renderSystemPrompt, sanitizeInstructions } from "@/lib/agent/wording/prompts";
import { offlineProviderOptions, wordChunks } from "@/lib/ai/offline-model";
import type { ChatModel } from "@/lib/ai/providers";
import { log } from "@/lib/log";

// Phrasing the facts: stream the model's real deltas; on error, timeout, or an answer stating anything the
// facts and the company text do not hold (an amount, a stock figure, a SKU, a phone or account number, a payment
// channel), the turn still succeeds with the offline composer's answer, which is checked the same way.
// `fallback` tells callers the streamed deltas were replaced by `text`.
export type AnswerResult = {
  text: string;
  model: string;
  modelMs: number;
  fallback: null | "error" | "timeout" | "unverified_facts" | "empty";
  /** What the check refused in the model's answer, for staff review. */
  problems: FactsProblem[];
  /** True when deltas already sent differ from `text` (clients must show `text`). */
  replaced: boolean;
  /** Tokens a hosted model spent on this answer (null for the offline model, whose counts are estimates). */
  usage: TokenUsage | null;
};

export type TokenUsage = { inputTokens: number; outputTokens: number };

export type AnswerRequest = {
  chatModel: ChatModel;
  facts: AnswerFacts;
  history: HistoryTurn[];
  text: string;
  tone?: Tone;
  instructions?: string;
  /** The company's own text: phones, accounts and channels it states may be repeated. */
  companyText: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onDelta?: (delta: string) => void;
};

/** Kept for callers that only need the amount rule (a hosted answer's money must be in the facts). */
export function statesOnlyKnownAmounts(text: string, facts: AnswerFacts): boolean {
  return !checkAnswer(text, facts, "").some((p) => p.kind === "amount");
}

function historyMessages(history: HistoryTurn[], text: string): ModelMessage[] {
  return [...history.map((t): ModelMessage => ({ role: t.role, content: t.text })), { role: "user", content: text }];
}

export async function answerTurn(request: AnswerRequest): Promise<AnswerResult> {
  const { chatModel, facts } = request;
  const instructions = sanitizeInstructions(request.instructions);
  const offlineText = () => composeAnswer(facts, { tone: request.tone, instructions });
  const started = performance.now();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let text = "";
  let failure: AnswerResult["fallback"] = null;
  let usage: TokenUsage | null = null;
  try {
    if (chatModel.kind === "offline") {
      // The offline model's answer is the composer's text, word by word. Streaming it through streamText cost a
      // turn ~13 % of its CPU in web streams and a few hundred promises (each one paying Node 20's promise hooks
      // under Next's AsyncLocalStorage): same deltas, same text, emitted directly.
      text = offlineText();
      if (!signal.aborted) for (const delta of wordChunks(text)) request.onDelta?.(delta);
      else throw new Error("aborted");
    } else await streamModel();
  } catch (error) {
    failure = timeout.aborted ? "timeout" : "error";
    log.warn("answer model failed, using the offline answer", { model: chatModel.name, failure, err: error });
  }
  async function streamModel() {
    const result = streamText({
      model: chatModel.model,
      system: renderSystemPrompt(facts, { tone: request.tone, instructions }),
      providerOptions:
        chatModel.kind === "offline" ? offlineProviderOptions({ facts, tone: request.tone, instructions }) : undefined,
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
      } else if (part.type === "finish" && chatModel.kind !== "offline") {
        usage = { inputTokens: part.totalUsage.inputTokens ?? 0, outputTokens: part.totalUsage.outputTokens ?? 0 };
      }
    }
  }
  if (!failure && text.trim() === "") failure = "empty";
  const problems = failure ? [] : checkAnswer(text, facts, request.companyText);
  if (!failure && problems.length > 0) {
    failure = "unverified_facts";
    log.warn("answer stated facts it was not given, using the offline answer", { model: chatModel.name, problems });
  }
  const modelMs = Math.round(performance.now() - started);
  if (!failure) return { text, model: chatModel.name, modelMs, fallback: null, problems, replaced: false, usage };
  const fallbackText = offlineText();
  const replaced = text !== "";
  if (!replaced) request.onDelta?.(fallbackText);
  const model = chatModel.kind === "offline" ? "offline" : `offline (respaldo de ${chatModel.name})`;
  return { text: fallbackText, model, modelMs, fallback: failure, problems, replaced, usage };
}
