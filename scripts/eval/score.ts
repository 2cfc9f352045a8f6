// Scoring of labelled cases against any conversation runner. Pure: the runner decides what a turn runs through
// (the real pipeline on a fresh database, or a hosted model).

import type { Intent } from "@/lib/agent/types";
import type { SaleSnapshot } from "@/lib/sales/types";
import { foldText } from "@/lib/text";
import type { CaseSet, DialogCase, Item } from "./cases";

export type TurnObservation = {
  intent: Intent;
  shownSkus: string[];
  sale: SaleSnapshot | null;
  answer: string;
  /** The answer fell back to a generic menu: the agent did not understand the message. */
  genericFallback: boolean;
  /** This turn closed an order. */
  orderClosed: boolean;
};
export type EvalConversation = {
  send(text: string): Promise<TurnObservation>;
  /** Whether the conversation now waits for a human advisor (flagged in the staff inbox). */
  handedOver(): Promise<boolean>;
};
export type EvalRunner = {
  newConversation(): Promise<EvalConversation>;
  stockOf(sku: string): Promise<number | undefined>;
  /** Puts stock back as the catalogue file has it: every dialog is labelled against that catalogue. */
  restoreStock(): Promise<void>;
};

export type Ratio = { ok: number; total: number };
export type Failure = { case: string; check: string; expected: unknown; got: unknown };
export type SetReport = {
  file: string;
  intent: Ratio;
  recall: Ratio;
  carts: Ratio;
  dialogs: Ratio;
  /** Cases (messages or dialogs) in which an order was closed that the customer did not ask for. */
  wrongOrders: { count: number; cases: number };
  notUnderstood: { count: number; turns: number };
  latencies: number[];
  failures: Failure[];
};

const itemsOf = (sale: SaleSnapshot | null): Item[] =>
  (sale?.lines ?? []).map((l) => ({ sku: l.sku, quantity: l.quantity }));
const key = (items: Item[]) =>
  items
    .map((i) => `${i.sku}×${i.quantity}`)
    .sort()
    .join(",");
export const sameItems = (a: Item[], b: Item[]) => key(a) === key(b);
const totalOf = (sale: SaleSnapshot | null) => (sale?.lines ?? []).reduce((s, l) => s + l.quantity * l.unitPrice, 0);

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function emptyReport(file: string): SetReport {
  const ratio = () => ({ ok: 0, total: 0 });
  return {
    file,
    intent: ratio(),
    recall: ratio(),
    carts: ratio(),
    dialogs: ratio(),
    wrongOrders: { count: 0, cases: 0 },
    notUnderstood: { count: 0, turns: 0 },
    latencies: [],
    failures: [],
  };
}

/** A closed order is wrong unless the dialog expects a closed order with exactly these lines and total. */
export function isWrongClose(dialog: DialogCase | null, closed: SaleSnapshot | null): boolean {
  if (dialog?.expected.state !== "cerrada" || dialog.expected.notState === "cerrada") return true;
  const { items, total } = dialog.expected;
  if (items && !sameItems(itemsOf(closed), items)) return true;
  return total !== undefined && totalOf(closed) !== total;
}

/** The stated stock figure must appear as a number of its own (not inside a price or another number). */
export function mentionsNumber(text: string, value: number): boolean {
  const forms = [String(value), value.toLocaleString("es-CO")];
  return forms.some((f) => new RegExp(`(^|[^\\d.,])${f.replace(".", "\\.")}([^\\d.,]|[.,](\\s|$)|$)`).test(text));
}

export async function scoreSet(runner: EvalRunner, set: CaseSet): Promise<SetReport> {
  const report = emptyReport(set.file);
  const fail = (c: string, check: string, expected: unknown, got: unknown) =>
    report.failures.push({ case: c, check, expected, got });
  const send = async (conversation: EvalConversation, text: string) => {
    const started = performance.now();
    const turn = await conversation.send(text);
    report.latencies.push(performance.now() - started);
    report.notUnderstood.turns++;
    if (turn.genericFallback) report.notUnderstood.count++;
    return turn;
  };

  for (const c of set.messages) {
    const turn = await send(await runner.newConversation(), c.text);
    report.intent.total++;
    if (turn.intent === c.intent) report.intent.ok++;
    else fail(c.text, "intent", c.intent, turn.intent);
    if (c.acceptable.length > 0) {
      report.recall.total++;
      const top = turn.shownSkus.slice(0, 5);
      if (c.acceptable.some((s) => top.includes(s))) report.recall.ok++;
      else fail(c.text, "recall@5", c.acceptable, top);
    }
    if (c.items) {
      report.carts.total++;
      if (sameItems(itemsOf(turn.sale), c.items)) report.carts.ok++;
      else fail(c.text, "cart", c.items, itemsOf(turn.sale));
    }
    report.wrongOrders.cases++;
    if (turn.orderClosed) {
      report.wrongOrders.count++;
      fail(c.text, "wrong order closed", "no order", itemsOf(turn.sale));
    }
  }

  for (const dialog of set.dialogs) {
    report.dialogs.total++;
    report.wrongOrders.cases++;
    const problems = await runDialog(runner, dialog, send);
    if (problems.wrongClose) report.wrongOrders.count++;
    if (problems.list.length === 0) report.dialogs.ok++;
    for (const [check, expected, got] of problems.list) fail(dialog.name, check, expected, got);
  }
  return report;
}

type Problem = [check: string, expected: unknown, got: unknown];

async function runDialog(
  runner: EvalRunner,
  dialog: DialogCase,
  send: (c: EvalConversation, text: string) => Promise<TurnObservation>,
): Promise<{ list: Problem[]; wrongClose: boolean }> {
  const list: Problem[] = [];
  await runner.restoreStock();
  const conversation = await runner.newConversation();
  let last: TurnObservation | null = null;
  let wrongClose = false;
  let aboveStock = false;
  for (const [i, text] of dialog.turns.entries()) {
    last = await send(conversation, text);
    const step = dialog.steps[i];
    if (step?.state && last.sale?.state !== step.state)
      list.push([`paso ${i + 1}: estado`, step.state, last.sale?.state]);
    if (step?.items && !sameItems(itemsOf(last.sale), step.items))
      list.push([`paso ${i + 1}: items`, step.items, itemsOf(last.sale)]);
    if (last.orderClosed && isWrongClose(dialog, last.sale)) {
      wrongClose = true;
      list.push([`paso ${i + 1}: pedido cerrado que el cliente no pidió`, dialog.expected, itemsOf(last.sale)]);
    }
    if (last.sale?.state !== "cerrada")
      for (const line of last.sale?.lines ?? []) {
        const stock = await runner.stockOf(line.sku);
        if (stock !== undefined && line.quantity > stock) aboveStock = true;
      }
  }
  const e = dialog.expected;
  const sale = last?.sale ?? null;
  if (e.state && sale?.state !== e.state) list.push(["estado", e.state, sale?.state]);
  if (e.notState && sale?.state === e.notState) list.push(["estado_no", e.notState, sale?.state]);
  if (e.items && !sameItems(itemsOf(sale), e.items)) list.push(["items", e.items, itemsOf(sale)]);
  if (e.total !== undefined && totalOf(sale) !== e.total) list.push(["total", e.total, totalOf(sale)]);
  if (e.document && sale?.customer.documentNumber?.replace(/\D/g, "") !== e.document.replace(/\D/g, ""))
    list.push(["documento", e.document, sale?.customer.documentNumber]);
  if (e.customerName && foldText(sale?.customer.name ?? "") !== foldText(e.customerName))
    list.push(["nombre", e.customerName, sale?.customer.name]);
  if (e.neverAboveStock && aboveStock) list.push(["sin_pedido_con_cantidad_mayor_a_stock", true, false]);
  if (e.stockOf) {
    const stock = await runner.stockOf(e.stockOf);
    if (stock === undefined || !mentionsNumber(last?.answer ?? "", stock))
      list.push(["respuesta_menciona_stock", stock, last?.answer]);
  }
  if (e.handover && !(await conversation.handedOver())) list.push(["asesor", true, false]);
  const answer = foldText(last?.answer ?? "");
  for (const needle of e.answerContains)
    if (!answer.includes(foldText(needle))) list.push(["respuesta_contiene", needle, last?.answer]);
  return { list, wrongClose };
}
