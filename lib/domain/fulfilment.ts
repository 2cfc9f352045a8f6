// Pure fulfilment table: what may happen to a sold order after `cerrada`. No I/O, no clocks.
// The sale keeps `state = "cerrada"` (every "sold" figure counts it); `fulfilment` records the steps after it:
// null (por pagar) → pagada → despachada (carrier + tracking number) → entregada.

export const FULFILMENT_STATES = ["pagada", "despachada", "entregada"] as const;
export type FulfilmentState = (typeof FULFILMENT_STATES)[number];
/** The stage shown to staff; `por_pagar` is a closed order nobody marked paid yet. */
export type FulfilmentStage = "por_pagar" | FulfilmentState;

export const FULFILMENT_LABELS: Record<FulfilmentStage, string> = {
  por_pagar: "Por pagar",
  pagada: "Pagada",
  despachada: "Despachada",
  entregada: "Entregada",
};

export type FulfilmentAction =
  | { type: "pay" }
  | { type: "dispatch"; carrier: string; trackingNumber: string }
  | { type: "deliver" };

export const FULFILMENT_ACTION_LABELS: Record<FulfilmentAction["type"], string> = {
  pay: "Marcar pagada",
  dispatch: "Marcar despachada",
  deliver: "Marcar entregada",
};

export type OrderStatus = { state: string; fulfilment: string | null };

export type FulfilmentStep =
  | { ok: true; from: FulfilmentStage; to: FulfilmentState; fields: { carrier?: string; trackingNumber?: string } }
  | { ok: false; code: "conflict" | "invalid_input"; message: string };

const TABLE: Record<FulfilmentAction["type"], { from: FulfilmentStage; to: FulfilmentState }> = {
  pay: { from: "por_pagar", to: "pagada" },
  dispatch: { from: "pagada", to: "despachada" },
  deliver: { from: "despachada", to: "entregada" },
};

export function isFulfilmentState(value: unknown): value is FulfilmentState {
  return typeof value === "string" && (FULFILMENT_STATES as readonly string[]).includes(value);
}

/** null when the order is not a sold order (an open cart or a cancelled one). */
export function fulfilmentStage(order: OrderStatus): FulfilmentStage | null {
  if (order.state !== "cerrada") return null;
  return isFulfilmentState(order.fulfilment) ? order.fulfilment : "por_pagar";
}

/** The actions staff may take next, in the order the buttons show. */
export function availableActions(order: OrderStatus): FulfilmentAction["type"][] {
  const stage = fulfilmentStage(order);
  if (!stage) return [];
  return (Object.keys(TABLE) as FulfilmentAction["type"][]).filter((type) => TABLE[type].from === stage);
}

export function applyFulfilment(order: OrderStatus, action: FulfilmentAction): FulfilmentStep {
  const stage = fulfilmentStage(order);
  if (order.state === "cancelada") return { ok: false, code: "conflict", message: "El pedido está cancelado." };
  if (!stage) {
    return { ok: false, code: "conflict", message: "El pedido todavía no está cerrado: no hay nada que despachar." };
  }
  const rule = TABLE[action.type];
  if (rule.from !== stage) {
    return {
      ok: false,
      code: "conflict",
      message: `El pedido está ${FULFILMENT_LABELS[stage].toLowerCase()}: no se puede ${FULFILMENT_ACTION_LABELS[
        action.type
      ].toLowerCase()}.`,
    };
  }
  if (action.type === "dispatch") {
    const carrier = action.carrier.trim();
    const trackingNumber = action.trackingNumber.trim();
    if (!carrier || !trackingNumber) {
      return {
        ok: false,
        code: "invalid_input",
        message: "Indica la transportadora y el número de guía para despachar el pedido.",
      };
    }
    return { ok: true, from: stage, to: rule.to, fields: { carrier, trackingNumber } };
  }
  return { ok: true, from: stage, to: rule.to, fields: {} };
}

/** Why an order may not be cancelled any more (goods already left the warehouse), or null. */
export function cancellationRefusal(order: OrderStatus): string | null {
  if (order.state === "cancelada") return "El pedido ya está cancelado.";
  const stage = fulfilmentStage(order);
  if (stage === "despachada") {
    return "El pedido ya fue despachado: no se puede cancelar. Si el cliente lo devuelve, registra la devolución como un ajuste de inventario.";
  }
  if (stage === "entregada") return "El pedido ya fue entregado al cliente: no se puede cancelar.";
  return null;
}

/** A sold order whose units left the stock (closed, paid): cancelling it gives them back. */
export function cancellationRestoresStock(order: OrderStatus): boolean {
  const stage = fulfilmentStage(order);
  return stage === "por_pagar" || stage === "pagada";
}
