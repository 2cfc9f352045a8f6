import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SaleSnapshot } from "@/lib/sales/types";
import { CaseFileError, type DialogCase, loadCaseSet } from "./cases";
import { type EvalRunner, isWrongClose, mentionsNumber, scoreSet, type TurnObservation } from "./score";

const closed = (lines: Array<[string, number, number]>): SaleSnapshot => ({
  state: "cerrada",
  lines: lines.map(([sku, quantity, unitPrice]) => ({ sku, name: sku, quantity, unitPrice })),
  customer: {},
  pending: null,
});

function dialog(expected: Partial<DialogCase["expected"]>): DialogCase {
  return {
    name: "d",
    turns: ["x"],
    steps: [null],
    expected: { neverAboveStock: false, handover: false, answerContains: [], ...expected },
  };
}

describe("wrong orders closed", () => {
  it.each([
    ["a dialog that must not close", dialog({ notState: "cerrada" }), closed([["A", 1, 10]]), true],
    ["a dialog expecting another state", dialog({ state: "pendiente" }), closed([["A", 1, 10]]), true],
    [
      "other lines than asked",
      dialog({ state: "cerrada", items: [{ sku: "A", quantity: 2 }] }),
      closed([["A", 1, 10]]),
      true,
    ],
    ["another total", dialog({ state: "cerrada", total: 30 }), closed([["A", 2, 10]]), true],
    [
      "exactly what was asked",
      dialog({ state: "cerrada", items: [{ sku: "A", quantity: 2 }], total: 20 }),
      closed([["A", 2, 10]]),
      false,
    ],
    ["a single message (no dialog)", null, closed([["A", 1, 10]]), true],
  ])("%s", (_label, expected, sale, wrong) => {
    expect(isWrongClose(expected, sale)).toBe(wrong);
  });
});

describe("stated stock figures", () => {
  it.each([
    ["Solo tenemos 12 unidades.", 12, true],
    ["Quedan 1.200 disponibles", 1200, true],
    ["a $ 12.500 la unidad", 12, false],
    ["Referencia 120", 12, false],
    ["Tenemos 12.", 12, true],
  ])("%s mentions %d: %s", (text, value, expected) => {
    expect(mentionsNumber(text, value)).toBe(expected);
  });
});

describe("scoring a set", () => {
  function write(lines: unknown[]): string {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "eval-score-")), "set.jsonl");
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    return file;
  }

  it("refuses a product name the catalogue does not have", () => {
    const file = write([{ mensaje: "hola", tipo: "contexto", productos: ["Producto inexistente"] }]);
    expect(() => loadCaseSet(file, () => undefined)).toThrow(CaseFileError);
  });

  it("counts an order a single message closed as a wrong order", async () => {
    const file = write([{ mensaje: "confirmo", tipo: "venta" }]);
    const turn: TurnObservation = {
      intent: "venta",
      shownSkus: [],
      sale: closed([["A", 1, 10]]),
      answer: "",
      genericFallback: false,
      orderClosed: true,
    };
    const runner: EvalRunner = {
      newConversation: async () => ({ send: async () => turn, handedOver: async () => false }),
      stockOf: async () => 5,
      restoreStock: async () => {},
    };
    const report = await scoreSet(
      runner,
      loadCaseSet(file, () => undefined),
    );
    expect(report.wrongOrders).toEqual({ count: 1, cases: 1 });
    expect(report.intent).toEqual({ ok: 1, total: 1 });
  });
});
