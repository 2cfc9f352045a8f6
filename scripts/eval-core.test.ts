import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCases, runEvaluation } from "./eval-core";
import { createInMemoryRunner } from "./eval-memory";

const root = path.resolve(import.meta.dirname, "..");
const runner = () =>
  createInMemoryRunner(
    readFileSync(path.join(root, "prisma/seed-data/productos.csv"), "utf8"),
    readFileSync(path.join(root, "prisma/seed-data/empresa.md"), "utf8"),
  );

describe("evaluation on the extra cases (in-memory pipeline)", () => {
  it("meets the targets", async () => {
    const { dev, dialogs } = loadCases([
      path.join(root, "scripts/eval-extra.jsonl"),
      path.join(root, "scripts/eval-extra-dialogs.jsonl"),
    ]);
    const report = await runEvaluation(runner(), dev, dialogs);
    expect(report.intent.ok / report.intent.total).toBeGreaterThanOrEqual(0.95);
    expect(report.recallAny.ok / report.recallAny.total).toBeGreaterThanOrEqual(0.95);
    expect(report.items.ok / report.items.total).toBeGreaterThanOrEqual(0.9);
    expect(report.dialogs.ok).toBe(report.dialogs.total);
  });
});

describe("evaluation on the held-out cases (in-memory pipeline)", () => {
  it.each([
    ["eval-holdout.jsonl", "eval-holdout-dialogs.jsonl"],
    ["eval-holdout2.jsonl", "eval-holdout2-dialogs.jsonl"],
    ["eval-blind2.jsonl", "eval-blind2-dialogs.jsonl"],
    ["eval-blind3.jsonl", "eval-blind3-dialogs.jsonl"],
  ])("%s + %s meet the targets", async (messages, dialogsFile) => {
    const { dev, dialogs } = loadCases([path.join(root, "scripts", messages), path.join(root, "scripts", dialogsFile)]);
    const report = await runEvaluation(runner(), dev, dialogs);
    expect(report.intent.ok / report.intent.total).toBeGreaterThanOrEqual(0.95);
    expect(report.recallAny.ok / report.recallAny.total).toBeGreaterThanOrEqual(0.95);
    expect(report.items.ok / report.items.total).toBeGreaterThanOrEqual(0.85);
    expect(report.dialogs.ok / report.dialogs.total).toBeGreaterThanOrEqual(0.9);
  });
});
