import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { planTurn } from "@/lib/agent/planning/plan";
import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import { composeAnswer } from "@/lib/agent/wording/compose";
import { renderSystemPrompt } from "@/lib/agent/wording/prompts";
import { createOfflineModel } from "./offline-model";

const catalog = loadCatalog();
const company = loadCompany();
const facts = planTurn({
  text: "¿tienen extintores de 10 libras?",
  history: [],
  sale: null,
  catalog,
  company,
  isStaff: false,
}).facts;

describe("offline model", () => {
  it("streams the composed answer through streamText in several text deltas", async () => {
    const result = streamText({
      model: createOfflineModel(),
      system: renderSystemPrompt(facts, { tone: "formal" }),
      prompt: "¿tienen extintores de 10 libras?",
    });
    const deltas: string[] = [];
    for await (const part of result.fullStream) if (part.type === "text-delta") deltas.push(part.text);
    expect(deltas.length).toBeGreaterThan(5);
    const expected = composeAnswer(facts, { tone: "formal" });
    expect(deltas.join("")).toBe(expected);
    expect(await result.text).toBe(expected);
    expect(expected).toContain("INC-001");
    const usage = await result.usage;
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it("generateText returns the same text", async () => {
    const { text } = await generateText({
      model: createOfflineModel(),
      system: renderSystemPrompt(facts),
      prompt: "hola",
    });
    expect(text).toBe(composeAnswer(facts));
  });

  it("without facts it answers a safe fallback", async () => {
    const { text } = await generateText({ model: createOfflineModel(), prompt: "hola" });
    expect(text).toMatch(/repites/);
  });

  it("the system prompt has real instructions for hosted models", () => {
    const prompt = renderSystemPrompt(facts, { tone: "vendedor", instructions: "Menciona la promo de recargas" });
    expect(prompt).toMatch(/ÚNICAMENTE los datos/);
    expect(prompt).toMatch(/Tono: vendedor/);
    expect(prompt).toMatch(/promo de recargas/);
  });
});
