import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCaseSet } from "./cases";
import { catalogChoice, type PipelineEvaluation, startPipelineEvaluation } from "./pipeline-runner";
import { type SetReport, scoreSet } from "./score";

// The labelled sets the agent was tuned on, kept as regression sets: the real pipeline on a fresh SQLite
// database per catalogue. Held-out sets are not here; they are only ever run for their figures.
const root = path.resolve(import.meta.dirname, "../..");
const SETS = [
  "tuning-mensajes",
  "tuning-dialogos",
  "round2-mensajes",
  "round2-dialogos",
  "round4-mensajes",
  "round4-dialogos",
  "round5-mensajes",
  "round5-dialogos",
  "round6-mensajes",
  "round6-dialogos",
  "round7-mensajes",
  "round7-dialogos",
  "round8-mensajes",
  "round8-dialogos",
  "round9-mensajes",
  "round9-dialogos",
  "round10-mensajes",
  "round10-dialogos",
  "round11-mensajes",
  "round11-dialogos",
  "round12-mensajes",
  "round12-dialogos",
  "round13-mensajes",
  "round13-dialogos",
  "round14-mensajes",
  "round14-dialogos",
  "round15-mensajes",
  "round15-dialogos",
  "round16-mensajes",
  "round16-dialogos",
  "round17-mensajes",
  "round17-dialogos",
  "round18-mensajes",
  "round18-dialogos",
];

describe.each(["demo", "real"])("evaluation sets on the %s catalogue", (catalog) => {
  let evaluation: PipelineEvaluation;
  beforeAll(async () => {
    evaluation = await startPipelineEvaluation(catalogChoice(catalog));
  }, 120_000);
  afterAll(async () => evaluation?.close());

  it("closes no order the customer did not ask for, and keeps its figures", async () => {
    const reports: SetReport[] = [];
    for (const set of SETS) {
      const cases = loadCaseSet(path.join(root, `eval/sets/${catalog}/${set}.jsonl`), evaluation.skuByName);
      reports.push(await scoreSet(evaluation.runner, cases));
    }
    const sum = (pick: (r: SetReport) => { ok: number; total: number }) =>
      reports.reduce((s, r) => ({ ok: s.ok + pick(r).ok, total: s.total + pick(r).total }), { ok: 0, total: 0 });
    const rate = (r: { ok: number; total: number }) => r.ok / r.total;
    expect(reports.reduce((s, r) => s + r.wrongOrders.count, 0)).toBe(0);
    expect(rate(sum((r) => r.intent))).toBeGreaterThanOrEqual(0.95);
    expect(rate(sum((r) => r.recall))).toBeGreaterThanOrEqual(0.9);
    expect(rate(sum((r) => r.carts))).toBeGreaterThanOrEqual(0.9);
    expect(rate(sum((r) => r.dialogs))).toBeGreaterThanOrEqual(0.85);
    const turns = reports.reduce((s, r) => s + r.notUnderstood.turns, 0);
    expect(reports.reduce((s, r) => s + r.notUnderstood.count, 0) / turns).toBeLessThan(0.05);
  }, 300_000);
});
