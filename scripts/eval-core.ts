// Agent evaluation: intent accuracy, recall@5, exact cart items, whole dialogs. Pure logic; the
// conversation runner is pluggable (in-memory here, the real DB pipeline from scripts/eval.ts).
// CLI: npx tsx scripts/eval-core.ts ../shared/eval/dev.jsonl ../shared/eval/dialogs.jsonl [more.jsonl…]

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Intent } from "@/lib/agent/types";
import type { SaleSnapshot } from "@/lib/sales/types";
import { createInMemoryRunner } from "./eval-memory";

export type EvalTurnResult = { intent: Intent; shownSkus: string[]; sale: SaleSnapshot | null; answer: string };
export type EvalConversation = { send(text: string): Promise<EvalTurnResult> };
export type EvalRunner = {
  newConversation(): EvalConversation | Promise<EvalConversation>;
  /** Current stock of a SKU (after any simulated or real closes). */
  stockOf(sku: string): number | undefined | Promise<number | undefined>;
};

type Item = { sku: string; cantidad: number };
export type DevCase = { mensaje: string; tipo: Intent; skus?: string[]; items?: Item[] };
export type DialogCase = {
  nombre: string;
  turnos: string[];
  esperado: {
    estado?: string;
    estado_no?: string;
    items?: Item[];
    total?: number;
    cliente?: { cedula?: string; nombre?: string };
    respuesta_menciona_stock?: string;
    sin_pedido_con_cantidad_mayor_a_stock?: boolean;
  };
};

export type Failure = { case: string; check: string; expected: unknown; got: unknown };
export type EvalReport = {
  intent: { ok: number; total: number };
  recallAny: { ok: number; total: number };
  recallStrict: { ok: number; total: number };
  items: { ok: number; total: number };
  dialogs: { ok: number; total: number };
  latencyMs: { p50: number; p99: number; turns: number };
  failures: Failure[];
};

export function loadJsonl<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const sameItems = (a: Item[], b: Item[]) =>
  a.length === b.length &&
  [...a]
    .sort((x, y) => x.sku.localeCompare(y.sku))
    .every((x, i) => {
      const y = [...b].sort((p, q) => p.sku.localeCompare(q.sku))[i];
      return y !== undefined && x.sku === y.sku && x.cantidad === y.cantidad;
    });

const itemsOf = (sale: SaleSnapshot | null): Item[] =>
  (sale?.lines ?? []).map((l) => ({ sku: l.sku, cantidad: l.quantity }));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
};

export async function runEvaluation(
  runner: EvalRunner,
  devCases: DevCase[],
  dialogCases: DialogCase[],
): Promise<EvalReport> {
  const report: EvalReport = {
    intent: { ok: 0, total: 0 },
    recallAny: { ok: 0, total: 0 },
    recallStrict: { ok: 0, total: 0 },
    items: { ok: 0, total: 0 },
    dialogs: { ok: 0, total: 0 },
    latencyMs: { p50: 0, p99: 0, turns: 0 },
    failures: [],
  };
  const latencies: number[] = [];
  const send = async (conversation: EvalConversation, text: string) => {
    const started = performance.now();
    const result = await conversation.send(text);
    latencies.push(performance.now() - started);
    return result;
  };
  const fail = (c: string, check: string, expected: unknown, got: unknown) =>
    report.failures.push({ case: c, check, expected, got });

  for (const dev of devCases) {
    const result = await send(await runner.newConversation(), dev.mensaje);
    report.intent.total++;
    if (result.intent === dev.tipo) report.intent.ok++;
    else fail(dev.mensaje, "intent", dev.tipo, result.intent);
    if (dev.skus?.length) {
      const top = result.shownSkus.slice(0, 5);
      report.recallAny.total++;
      report.recallStrict.total++;
      if (dev.skus.some((s) => top.includes(s))) report.recallAny.ok++;
      else fail(dev.mensaje, "recall@5", dev.skus, top);
      const needed = dev.skus.slice(0, 5);
      if (needed.every((s) => top.includes(s))) report.recallStrict.ok++;
    }
    if (dev.items) {
      report.items.total++;
      const got = itemsOf(result.sale);
      if (sameItems(got, dev.items)) report.items.ok++;
      else fail(dev.mensaje, "items", dev.items, got);
    }
  }

  for (const dialog of dialogCases) {
    report.dialogs.total++;
    const conversation = await runner.newConversation();
    let last: EvalTurnResult | null = null;
    let overStock = false;
    for (const turn of dialog.turnos) {
      last = await send(conversation, turn);
      for (const line of last.sale?.lines ?? []) {
        const stock = await runner.stockOf(line.sku);
        if (stock !== undefined && last.sale?.state !== "cerrada" && line.quantity > stock) overStock = true;
      }
    }
    const e = dialog.esperado;
    const problems: Array<[string, unknown, unknown]> = [];
    const sale = last?.sale ?? null;
    if (e.estado && sale?.state !== e.estado) problems.push(["estado", e.estado, sale?.state]);
    if (e.estado_no && sale?.state === e.estado_no) problems.push(["estado_no", e.estado_no, sale?.state]);
    if (e.items && !sameItems(itemsOf(sale), e.items)) problems.push(["items", e.items, itemsOf(sale)]);
    const total = (sale?.lines ?? []).reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    if (e.total !== undefined && total !== e.total) problems.push(["total", e.total, total]);
    if (e.cliente?.cedula && sale?.customer.documentNumber !== e.cliente.cedula)
      problems.push(["cedula", e.cliente.cedula, sale?.customer.documentNumber]);
    if (e.cliente?.nombre && sale?.customer.name !== e.cliente.nombre)
      problems.push(["nombre", e.cliente.nombre, sale?.customer.name]);
    if (e.sin_pedido_con_cantidad_mayor_a_stock && overStock)
      problems.push(["sin_pedido_con_cantidad_mayor_a_stock", true, false]);
    if (e.respuesta_menciona_stock) {
      const stock = await runner.stockOf(e.respuesta_menciona_stock);
      const mentions = stock !== undefined && new RegExp(`(^|[^\\d.])${stock}([^\\d.]|$)`).test(last?.answer ?? "");
      if (!mentions) problems.push(["respuesta_menciona_stock", stock, last?.answer]);
    }
    if (problems.length === 0) report.dialogs.ok++;
    for (const [check, expected, got] of problems) fail(dialog.nombre, check, expected, got);
  }
  report.latencyMs = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), turns: latencies.length };
  return report;
}

const pct = (r: { ok: number; total: number }) =>
  r.total === 0 ? "n/a" : `${((100 * r.ok) / r.total).toFixed(1)} % (${r.ok}/${r.total})`;

export function formatReport(report: EvalReport): string {
  const lines = [
    `intent accuracy   ${pct(report.intent)}`,
    `recall@5 (any)    ${pct(report.recallAny)}`,
    `recall@5 (strict) ${pct(report.recallStrict)}`,
    `cart items exact  ${pct(report.items)}`,
    `dialogs           ${pct(report.dialogs)}`,
    `latency per turn  p50 ${report.latencyMs.p50.toFixed(2)} ms, p99 ${report.latencyMs.p99.toFixed(2)} ms over ${report.latencyMs.turns} turns`,
  ];
  for (const f of report.failures)
    lines.push(
      `  ✗ [${f.check}] ${f.case}\n      expected ${JSON.stringify(f.expected)}\n      got      ${JSON.stringify(f.got)}`,
    );
  return lines.join("\n");
}

/** Splits JSONL files into dev cases and dialogs by shape. */
export function loadCases(files: string[]): { dev: DevCase[]; dialogs: DialogCase[] } {
  const dev: DevCase[] = [];
  const dialogs: DialogCase[] = [];
  for (const file of files) {
    for (const row of loadJsonl<DevCase | DialogCase>(file)) {
      if ("turnos" in row) dialogs.push(row);
      else dev.push(row);
    }
  }
  return { dev, dialogs };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error("usage: tsx scripts/eval-core.ts dev.jsonl dialogs.jsonl [...]");
  const root = path.resolve(import.meta.dirname, "..");
  const runner = createInMemoryRunner(
    readFileSync(path.join(root, "prisma/seed-data/productos.csv"), "utf8"),
    readFileSync(path.join(root, "prisma/seed-data/empresa.md"), "utf8"),
  );
  const { dev, dialogs } = loadCases(files);
  console.log(formatReport(await runEvaluation(runner, dev, dialogs)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
