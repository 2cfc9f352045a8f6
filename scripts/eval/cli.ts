// npm run eval -- [--catalog demo|real|<file.csv>] [--company <file.md>] [--summary] <set.jsonl> …
// npm run eval -- --replay <app.db> [--catalog real]
// npm run eval -- --understanding hosted … : through the configured hosted model (Gemini or OpenAI-compatible key
// in the environment), plus how often its understanding agreed with the offline producer's on the same messages.
// Prints, per set: intent accuracy, recall@5, exact carts, dialogs, wrong orders closed, "did not understand"
// answers and per-turn latency. --summary prints figures only (for held-out sets nobody may read).

import path from "node:path";
import { parseArgs } from "node:util";
import { loadCaseSet } from "./cases";
import { type Agreement, catalogChoice, startPipelineEvaluation } from "./pipeline-runner";
import { readStoredCustomerMessages, replay } from "./replay";
import { percentile, type Ratio, type SetReport, scoreSet } from "./score";

const pct = (r: Ratio) => (r.total === 0 ? "—" : `${((100 * r.ok) / r.total).toFixed(1)} % (${r.ok}/${r.total})`);
const ms = (v: number) => `${v.toFixed(1)} ms`;

function combine(reports: SetReport[]): SetReport {
  const sum = (pick: (r: SetReport) => Ratio): Ratio => ({
    ok: reports.reduce((s, r) => s + pick(r).ok, 0),
    total: reports.reduce((s, r) => s + pick(r).total, 0),
  });
  return {
    file: "todos",
    intent: sum((r) => r.intent),
    recall: sum((r) => r.recall),
    carts: sum((r) => r.carts),
    dialogs: sum((r) => r.dialogs),
    wrongOrders: {
      count: reports.reduce((s, r) => s + r.wrongOrders.count, 0),
      cases: reports.reduce((s, r) => s + r.wrongOrders.cases, 0),
    },
    notUnderstood: {
      count: reports.reduce((s, r) => s + r.notUnderstood.count, 0),
      turns: reports.reduce((s, r) => s + r.notUnderstood.turns, 0),
    },
    latencies: reports.flatMap((r) => r.latencies),
    failures: [],
  };
}

function row(r: SetReport): string[] {
  const notUnderstood = r.notUnderstood.turns
    ? `${((100 * r.notUnderstood.count) / r.notUnderstood.turns).toFixed(1)} %`
    : "—";
  return [
    path.basename(r.file),
    String(r.wrongOrders.count),
    pct(r.intent),
    pct(r.recall),
    pct(r.carts),
    pct(r.dialogs),
    notUnderstood,
    ms(percentile(r.latencies, 50)),
    ms(percentile(r.latencies, 99)),
  ];
}

function table(rows: string[][]): string {
  const header = ["set", "wrong orders", "intent", "recall@5", "exact carts", "dialogs", "no entendió", "p50", "p99"];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i] as number)).join("  ")).join("\n");
}

function agreementLine(name: string, a: Agreement): string {
  const share = (n: number) => (a.hosted === 0 ? "—" : `${((100 * n) / a.hosted).toFixed(1)} % (${n}/${a.hosted})`);
  return `  ${name}: hosted vs offline agreement — intent ${share(a.intent)}, sale events ${share(a.events)}`;
}

/** The hosted run needs a configured model, and its budgets must not silently turn it offline half-way. */
async function prepareHosted(): Promise<string> {
  process.env.AGENT_UNDERSTANDING = "hosted";
  process.env.AGENT_TOKEN_BUDGET_PER_CONVERSATION ??= "0";
  process.env.AGENT_TOKEN_BUDGET_PER_DAY ??= "0";
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { chatModel } = await import("@/lib/ai/providers");
  const model = chatModel();
  if (model.kind === "offline")
    throw new Error(
      "--understanding hosted necesita un modelo: GOOGLE_GENERATIVE_AI_API_KEY (Gemini) u OPENAI_COMPATIBLE_BASE_URL.",
    );
  return model.name;
}

function failures(report: SetReport): string {
  return report.failures
    .map(
      (f) =>
        `  ✗ [${f.check}] ${f.case}\n      expected ${JSON.stringify(f.expected)}\n      got      ${JSON.stringify(f.got)}`,
    )
    .join("\n");
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    allowPositionals: true,
    options: {
      catalog: { type: "string" },
      company: { type: "string" },
      summary: { type: "boolean", default: false },
      replay: { type: "string" },
      understanding: { type: "string", default: "offline" },
    },
  });
  if (values.understanding !== "offline" && values.understanding !== "hosted")
    throw new Error("--understanding debe ser offline u hosted");
  const hosted = values.understanding === "hosted";
  const modelName = hosted ? await prepareHosted() : "offline model";
  const choice = catalogChoice(values.catalog ?? (values.replay ? "real" : "demo"), values.company);
  const evaluation = await startPipelineEvaluation(choice, hosted ? {} : { llm: "offline" });
  try {
    console.log(`catalogue: ${choice.name} (${choice.productsCsv}); real pipeline, SQLite, ${modelName}`);
    if (values.replay) {
      const report = await replay(evaluation.runner, readStoredCustomerMessages(path.resolve(values.replay)));
      const share = report.messages ? (100 * report.genericFallbacks) / report.messages : 0;
      console.log(
        `replayed ${report.messages} customer messages in ${report.chats} chats: generic-menu fallbacks ` +
          `${report.genericFallbacks} (${share.toFixed(1)} %), orders closed ${report.closedOrders}, ` +
          `intents ${JSON.stringify(report.intents)}, p50 ${ms(percentile(report.latencies, 50))}, ` +
          `p99 ${ms(percentile(report.latencies, 99))}`,
      );
      if (!values.summary) for (const text of report.fallbackSamples) console.log(`  · ${text}`);
      return;
    }
    if (positionals.length === 0) throw new Error("uso: npm run eval -- [--catalog demo|real|<csv>] <set.jsonl> …");
    const reports: SetReport[] = [];
    const agreements: Agreement[] = [];
    for (const file of positionals) {
      const set = loadCaseSet(path.resolve(file), evaluation.skuByName);
      const before = await evaluation.lastMessageId();
      reports.push(await scoreSet(evaluation.runner, set));
      agreements.push(await evaluation.agreement(before));
    }
    const rows = reports.map(row);
    if (reports.length > 1) rows.push(row(combine(reports)));
    console.log(table(rows));
    if (hosted) {
      for (const [i, r] of reports.entries())
        console.log(agreementLine(path.basename(r.file), agreements[i] as Agreement));
      if (reports.length > 1) console.log(agreementLine("todos", await evaluation.agreement()));
    }
    if (!values.summary) for (const report of reports) if (report.failures.length) console.log(failures(report));
  } finally {
    await evaluation.close();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
