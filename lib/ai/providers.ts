import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { createOfflineModel } from "@/lib/ai/offline-model";
import { type Env, env } from "@/lib/env";

// One place decides which language model phrases the answers. The offline deterministic model is the
// default (and the model of every test); hosted models are used only when their configuration is present,
// and every failure of a hosted model falls back to the offline answer in lib/chat/compose-stream.ts.
export const LLM_CHOICES = ["offline", "gemini", "openai-compatible", "ollama"] as const;
export type LlmChoice = (typeof LLM_CHOICES)[number];

export type ProviderKind = "offline" | "gemini" | "openai-compatible";

export type ChatModel = {
  kind: ProviderKind;
  /** Stored in Message.model, e.g. `offline`, `gemini:gemini-2.5-flash`. */
  name: string;
  model: LanguageModel;
  /** Whether the model can read images and audio (used by /chat/imagen and /chat/audio). */
  multimodal: { image: boolean; audio: boolean };
};

let offline: ChatModel | undefined;

export function offlineChatModel(): ChatModel {
  offline ??= {
    kind: "offline",
    name: "offline",
    model: createOfflineModel(),
    multimodal: { image: false, audio: false },
  };
  return offline;
}

function geminiModel(config: Env): ChatModel | null {
  if (!config.GOOGLE_GENERATIVE_AI_API_KEY) return null;
  const google = createGoogleGenerativeAI({
    apiKey: config.GOOGLE_GENERATIVE_AI_API_KEY,
    ...(config.GEMINI_BASE_URL ? { baseURL: config.GEMINI_BASE_URL } : {}),
  });
  return {
    kind: "gemini",
    name: `gemini:${config.GEMINI_MODEL}`,
    model: google(config.GEMINI_MODEL),
    multimodal: { image: true, audio: true },
  };
}

function openAiCompatibleModel(config: Env): ChatModel | null {
  if (!config.OPENAI_COMPATIBLE_BASE_URL) return null;
  const provider = createOpenAICompatible({
    name: "openai-compatible",
    baseURL: config.OPENAI_COMPATIBLE_BASE_URL,
    ...(config.OPENAI_COMPATIBLE_API_KEY ? { apiKey: config.OPENAI_COMPATIBLE_API_KEY } : {}),
  });
  return {
    kind: "openai-compatible",
    name: `openai-compatible:${config.OPENAI_COMPATIBLE_MODEL}`,
    model: provider.chatModel(config.OPENAI_COMPATIBLE_MODEL),
    // Vision depends on the served model (llava, qwen-vl…); only enabled when the operator says so.
    multimodal: { image: config.OPENAI_COMPATIBLE_VISION, audio: false },
  };
}

const cache = new Map<string, ChatModel | null>();

function cached(key: string, build: () => ChatModel | null): ChatModel | null {
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) ?? null;
}

/**
 * The model for a turn. Without a choice: Gemini if configured, else the OpenAI-compatible endpoint, else
 * offline. A choice that is not configured (e.g. `llm: "gemini"` without a key) gives the offline model.
 */
export function chatModel(choice?: LlmChoice, config: Env = env()): ChatModel {
  const gemini = () =>
    cached(`gemini:${config.GEMINI_MODEL}:${config.GEMINI_BASE_URL}:${config.GOOGLE_GENERATIVE_AI_API_KEY}`, () =>
      geminiModel(config),
    );
  const compatible = () =>
    cached(`oa:${config.OPENAI_COMPATIBLE_BASE_URL}:${config.OPENAI_COMPATIBLE_MODEL}`, () =>
      openAiCompatibleModel(config),
    );
  switch (choice) {
    case "offline":
      return offlineChatModel();
    case "gemini":
      return gemini() ?? offlineChatModel();
    case "openai-compatible":
    case "ollama":
      return compatible() ?? offlineChatModel();
    default:
      return gemini() ?? compatible() ?? offlineChatModel();
  }
}

/** The configured model able to read this kind of media, or null (→ `modelo_no_disponible`). */
export function multimodalModel(kind: "image" | "audio", config: Env = env()): ChatModel | null {
  for (const candidate of [chatModel("gemini", config), chatModel("openai-compatible", config)]) {
    if (candidate.kind !== "offline" && candidate.multimodal[kind]) return candidate;
  }
  return null;
}

/** Test hook: forget built providers after changing the environment. */
export function resetProviderCache(): void {
  cache.clear();
}
