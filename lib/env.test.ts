import { describe, expect, it } from "vitest";
import { assertProductionEnv, databaseFlavour, loadEnv, productionProblems } from "@/lib/env";

describe("env", () => {
  it("runs a fresh clone on development defaults", () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/dev.db");
    expect(env.PORT).toBe(3000);
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.STORAGE_SIGNING_SECRET).toBe(env.AUTH_SECRET);
    expect(env.AGENT_MODEL_TIMEOUT_MS).toBe(10_000);
    expect(env.GOOGLE_GENERATIVE_AI_API_KEY).toBeUndefined();
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => loadEnv({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => loadEnv({ STORAGE_BACKEND: "ftp" })).toThrow(/STORAGE_BACKEND/);
  });

  it("treats blank optional values as unset", () => {
    expect(loadEnv({ REDIS_URL: "  " }).REDIS_URL).toBeUndefined();
  });

  it.each([
    [{ NODE_ENV: "production" }, /AUTH_SECRET is required/],
    [{ NODE_ENV: "production", AUTH_SECRET: "short" }, /at least 32/],
    [{ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), STORAGE_BACKEND: "s3" }, /S3_BUCKET/],
  ])("refuses to start production on %o", (source, message) => {
    expect(() => assertProductionEnv(source as Record<string, string>)).toThrow(message);
  });

  it("accepts a complete production configuration and ignores development", () => {
    expect(productionProblems({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) })).toEqual([]);
    expect(() => assertProductionEnv({ NODE_ENV: "development" })).not.toThrow();
  });

  it.each([
    ["file:./data/dev.db", "sqlite"],
    ["postgresql://u@h/db", "postgres"],
    ["postgres://u@h/db", "postgres"],
  ])("picks the database flavour from %s", (url, flavour) => {
    expect(databaseFlavour(url)).toBe(flavour);
  });
});
