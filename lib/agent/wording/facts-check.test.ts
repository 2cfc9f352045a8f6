import { describe, expect, it } from "vitest";
import { converse, hardwareCatalog, hardwareCompany } from "../test-support/fixtures";
import { checkAnswer } from "./facts-check";

describe("the facts check of an answer", () => {
  const c = converse(hardwareCatalog(), hardwareCompany(), [
    "quiero 2 martillos",
    "eso es todo",
    "Ana María Ruiz, cédula 1144556677, celular 3104567890, calle 5 # 38-25, Palmira",
  ]);
  const summary = c.answers.at(-1) as string;
  const facts = c.last.facts;

  it("accepts the summary that repeats the customer's own data", () => {
    expect(summary).toMatch(/3104567890/);
    expect(checkAnswer(summary, facts, "")).toEqual([]);
  });

  it("still flags a number nobody gave", () => {
    expect(checkAnswer(`${summary}\nLlámanos al 3209998877.`, facts, "")).toEqual([
      { kind: "number", value: "3209998877" },
    ]);
  });
});
