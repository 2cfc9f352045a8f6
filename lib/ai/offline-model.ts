// Offline LanguageModelV3: is handed the turn's AnswerFacts object (provider options, never the prompt text) and
// streams composeAnswer(...) word by word, so the app runs end to end through streamText without a provider.
// Nothing a customer or the shop writes into the prompt can reach what this model states.

import type {
  JSONObject,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import type { Tone } from "@/lib/agent/types";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { AnswerFacts } from "@/lib/agent/wording/facts";

const FALLBACK_TEXT = "Disculpa, no pude procesar tu mensaje. ¿Me lo repites, por favor?";

/** Provider options key under which the pipeline hands the offline model its facts. */
export const OFFLINE_OPTIONS_KEY = "sextinvalle";

export type OfflineAnswerOptions = { facts: AnswerFacts; tone?: Tone; instructions?: string };

export function offlineProviderOptions(options: OfflineAnswerOptions): Record<string, JSONObject> {
  return { [OFFLINE_OPTIONS_KEY]: options as unknown as JSONObject };
}

function promptChars(options: LanguageModelV3CallOptions): number {
  return JSON.stringify(options.prompt).length;
}

/** Rough token estimate (≈4 chars per token) so usage numbers are plausible and deterministic. */
function usageFor(inputChars: number, output: string): LanguageModelV3Usage {
  const input = Math.ceil(inputChars / 4);
  const outputTokens = Math.ceil(output.length / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

export function answerFromOptions(options: LanguageModelV3CallOptions): string {
  const payload = options.providerOptions?.[OFFLINE_OPTIONS_KEY] as unknown as OfflineAnswerOptions | undefined;
  if (!payload?.facts || typeof payload.facts !== "object") return FALLBACK_TEXT;
  return composeAnswer(payload.facts, { tone: payload.tone, instructions: payload.instructions });
}

/** Splits keeping whitespace attached, so concatenated deltas equal the original text exactly. */
export function wordChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export function createOfflineModel(modelId = "sextinvalle-offline"): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "sextinvalle-offline",
    modelId,
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      const text = answerFromOptions(options);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: usageFor(promptChars(options), text),
        warnings: [],
      };
    },
    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const text = answerFromOptions(options);
      const id = "offline-text-0";
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: `offline-${text.length}`, modelId },
        { type: "text-start", id },
        ...wordChunks(text).map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id, delta })),
        { type: "text-end", id },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usageFor(promptChars(options), text) },
      ];
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}
