import type { LanguageModelV3 } from "@ai-sdk/provider";
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

/**
 * A hosted model whose provider package is imported on its first call. The provider packages are ~0.6 MB of code
 * each and most instances run offline (issue 12: idle RSS); `chatModel` stays synchronous.
 */
function lazyModel(provider: string, modelId: string, load: () => Promise<LanguageModelV3>): LanguageModelV3 {
  let loaded: Promise<LanguageModelV3> | undefined;
  const model = () => {
    // a failed import is retried on the next call instead of failing every later turn
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  return {
    specificationVersion: "v3",
    provider,
    modelId,
    get supportedUrls() {
      return model().then((m) => m.supportedUrls);
    },
    doGenerate: async (options) => (await model()).doGenerate(options),
    doStream: async (options) => (await model()).doStream(options),
  };
}

function geminiModel(config: Env): ChatModel | null {
  if (!config.GOOGLE_GENERATIVE_AI_API_KEY) return null;
  const apiKey = config.GOOGLE_GENERATIVE_AI_API_KEY;
  const model = lazyModel("google.generative-ai", config.GEMINI_MODEL, async () => {
    const { createGoogleGenerativeAI } = await import("@ai-sdk/google");
    const google = createGoogleGenerativeAI({
      apiKey,
      ...(config.GEMINI_BASE_URL ? { baseURL: config.GEMINI_BASE_URL } : {}),
    });
    return google(config.GEMINI_MODEL);
  });
  return { kind: "gemini", name: `gemini:${config.GEMINI_MODEL}`, model, multimodal: { image: true, audio: true } };
}

function openAiCompatibleModel(config: Env): ChatModel | null {
  if (!config.OPENAI_COMPATIBLE_BASE_URL) return null;
  const baseURL = config.OPENAI_COMPATIBLE_BASE_URL;
  const model = lazyModel("openai-compatible.chat", config.OPENAI_COMPATIBLE_MODEL, async () => {
    const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
    const provider = createOpenAICompatible({
      name: "openai-compatible",
      baseURL,
      ...(config.OPENAI_COMPATIBLE_API_KEY ? { apiKey: config.OPENAI_COMPATIBLE_API_KEY } : {}),
    });
    return provider.chatModel(config.OPENAI_COMPATIBLE_MODEL);
  });
  return {
    kind: "openai-compatible",
    name: `openai-compatible:${config.OPENAI_COMPATIBLE_MODEL}`,
    model,
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
