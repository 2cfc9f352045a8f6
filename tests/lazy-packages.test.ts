import { describe, expect, it } from "vitest";
import { modulesLoaded } from "./module-loads";

// Issue 12: the hosted AI providers and the AWS SDK are imported on first use, not when the server starts: a
// process that only builds its chat models and its storage (as every server does at start-up) loads neither.
const HEAVY = ["/@ai-sdk/google/", "/@ai-sdk/openai-compatible/", "/@aws-sdk/client-s3/", "/s3-request-presigner/"];

describe("hosted providers and S3 load on first use", () => {
  it("configured but unused, they are never loaded", () => {
    const script = `const { chatModel, multimodalModel } = await import("@/lib/ai/providers");
const { storage } = await import("@/lib/storage");
const { env } = await import("@/lib/env");
for (const choice of [undefined, "gemini", "openai-compatible"]) chatModel(choice);
multimodalModel("image");
storage();
if (env().STORAGE_BACKEND !== "s3" || chatModel().kind !== "gemini") throw new Error("not configured as meant");`;
    const loaded = modulesLoaded(script, {
      GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
      OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:9/v1",
      STORAGE_BACKEND: "s3",
      S3_BUCKET: "unused",
      S3_ENDPOINT: "http://127.0.0.1:9",
    });
    expect(loaded.some((m) => m.includes("/lib/ai/providers"))).toBe(true);
    expect(loaded.filter((m) => HEAVY.some((h) => m.includes(h)))).toEqual([]);
  });
});
