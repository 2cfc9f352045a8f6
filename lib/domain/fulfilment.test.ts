import { describe, expect, it } from "vitest";
import {
  applyFulfilment,
  availableActions,
  cancellationRefusal,
  cancellationRestoresStock,
  type FulfilmentAction,
  fulfilmentStage,
  type OrderStatus,
} from "./fulfilment";

const closed = (fulfilment: string | null): OrderStatus => ({ state: "cerrada", fulfilment });
const pay: FulfilmentAction = { type: "pay" };
const dispatch: FulfilmentAction = { type: "dispatch", carrier: "Servientrega", trackingNumber: "  SV-123 " };
const deliver: FulfilmentAction = { type: "deliver" };

type Row = [string, OrderStatus, FulfilmentAction, string | null];
// [case, order, action, resulting fulfilment state or null when refused]
const rows: Row[] = [
  ["closed order is paid", closed(null), pay, "pagada"],
  ["paid order is dispatched", closed("pagada"), dispatch, "despachada"],
  ["dispatched order is delivered", closed("despachada"), deliver, "entregada"],
  ["unpaid order cannot be dispatched", closed(null), dispatch, null],
  ["unpaid order cannot be delivered", closed(null), deliver, null],
  ["paid twice is refused", closed("pagada"), pay, null],
  ["paid order cannot skip to delivered", closed("pagada"), deliver, null],
  ["dispatched order cannot be paid again", closed("despachada"), pay, null],
  ["delivered is final", closed("entregada"), deliver, null],
  ["delivered cannot be dispatched", closed("entregada"), dispatch, null],
  ["open cart cannot be paid", { state: "pendiente", fulfilment: null }, pay, null],
  ["cancelled order cannot be paid", { state: "cancelada", fulfilment: null }, pay, null],
  ["unknown stored value reads as por pagar", closed("rara"), pay, "pagada"],
];

describe("fulfilment transitions", () => {
  it.each(rows)("%s", (_name, order, action, expected) => {
    const step = applyFulfilment(order, action);
    if (expected === null) {
      expect(step.ok).toBe(false);
      if (!step.ok) expect(step.message).toMatch(/pedido/i);
    } else {
      expect(step).toMatchObject({ ok: true, to: expected });
    }
  });

  it("dispatch needs a carrier and a tracking number, trimmed", () => {
    expect(applyFulfilment(closed("pagada"), dispatch)).toEqual({
      ok: true,
      from: "pagada",
      to: "despachada",
      fields: { carrier: "Servientrega", trackingNumber: "SV-123" },
    });
    const missing = applyFulfilment(closed("pagada"), {
      type: "dispatch",
      carrier: "Coordinadora",
      trackingNumber: " ",
    });
    expect(missing).toEqual({
      ok: false,
      code: "invalid_input",
      message: "Indica la transportadora y el número de guía para despachar el pedido.",
    });
  });

  it.each<[OrderStatus, string[]]>([
    [closed(null), ["pay"]],
    [closed("pagada"), ["dispatch"]],
    [closed("despachada"), ["deliver"]],
    [closed("entregada"), []],
    [{ state: "listo_para_finalizar", fulfilment: null }, []],
  ])("offers the next step only (%o)", (order, actions) => {
    expect(availableActions(order)).toEqual(actions);
  });

  it.each<[OrderStatus, string | null, boolean]>([
    [{ state: "pendiente", fulfilment: null }, null, false],
    [closed(null), null, true],
    [closed("pagada"), null, true],
    [closed("despachada"), "El pedido ya fue despachado", false],
    [closed("entregada"), "El pedido ya fue entregado", false],
    [{ state: "cancelada", fulfilment: null }, "El pedido ya está cancelado", false],
  ])("cancellation of %o", (order, refusal, restores) => {
    const message = cancellationRefusal(order);
    if (refusal === null) expect(message).toBeNull();
    else expect(message).toContain(refusal);
    expect(cancellationRestoresStock(order)).toBe(restores);
  });

  it("names the stage of sold orders only", () => {
    expect(fulfilmentStage({ state: "recolectando_datos", fulfilment: null })).toBeNull();
    expect(fulfilmentStage(closed("despachada"))).toBe("despachada");
  });
});
