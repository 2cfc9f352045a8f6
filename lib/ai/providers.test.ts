import { describe, expect, it } from "vitest";
import { chatModel, multimodalModel, resetProviderCache } from "@/lib/ai/providers";
import { loadEnv } from "@/lib/env";

// Which model phrases the answers, by configuration (no network: providers are only constructed).
describe("chatModel", () => {
  const config = (vars: Record<string, string>) => {
    resetProviderCache();
    return loadEnv({ NODE_ENV: "test", ...vars });
  };

  it("is the offline model without configuration, and no multimodal model exists", () => {
    const c = config({});
    expect(chatModel(undefined, c)).toMatchObject({ kind: "offline", name: "offline" });
    expect(chatModel("gemini", c).kind).toBe("offline");
    expect(multimodalModel("image", c)).toBeNull();
    expect(multimodalModel("audio", c)).toBeNull();
  });

  it("uses Gemini when its key is set, with the model name from the environment", () => {
    const c = config({ GOOGLE_GENERATIVE_AI_API_KEY: "test-key", GEMINI_MODEL: "gemini-2.5-pro" });
    const model = chatModel(undefined, c);
    expect(model).toMatchObject({ kind: "gemini", name: "gemini:gemini-2.5-pro" });
    expect(typeof model.model === "object" && model.model.modelId).toBe("gemini-2.5-pro");
    expect(chatModel("offline", c).kind).toBe("offline");
    expect(multimodalModel("audio", c)?.kind).toBe("gemini");
  });

  it("uses an OpenAI-compatible endpoint (Ollama, vLLM) when its base URL is set", () => {
    const c = config({ OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_COMPATIBLE_MODEL: "qwen2.5" });
    expect(chatModel(undefined, c)).toMatchObject({ kind: "openai-compatible", name: "openai-compatible:qwen2.5" });
    expect(chatModel("ollama", c).kind).toBe("openai-compatible");
    expect(multimodalModel("image", c)).toBeNull();
    const vision = config({
      OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1",
      OPENAI_COMPATIBLE_VISION: "true",
    });
    expect(multimodalModel("image", vision)?.kind).toBe("openai-compatible");
  });
});
