// Offline LanguageModelV3: reads the AnswerFacts JSON from the system prompt and streams
// composeAnswer(...) word by word, so the app runs end-to-end through streamText without a provider.

import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { composeAnswer } from "@/lib/agent/wording/compose";
import { parseFactsFromPrompt } from "@/lib/agent/wording/prompts";

const FALLBACK_TEXT = "Disculpa, no pude procesar tu mensaje. ¿Me lo repites, por favor?";

function systemText(options: LanguageModelV3CallOptions): string {
  return options.prompt
    .filter((m) => m.role === "system")
    .map((m) => (m.role === "system" ? m.content : ""))
    .join("\n");
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

export function answerFromPrompt(options: LanguageModelV3CallOptions): string {
  const payload = parseFactsFromPrompt(systemText(options));
  if (!payload) return FALLBACK_TEXT;
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
      const text = answerFromPrompt(options);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: usageFor(promptChars(options), text),
        warnings: [],
      };
    },
    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const text = answerFromPrompt(options);
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
