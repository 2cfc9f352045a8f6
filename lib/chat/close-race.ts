import type { TurnPlan } from "@/lib/agent/planning/plan";
import { recordTurn } from "@/lib/db/conversations";
import { getOrderSummary, type OrderSummary } from "@/lib/db/open-orders";
import { isAppError } from "@/lib/errors";
import type { SaleSnapshot, SaleState } from "@/lib/sales/types";
import { publishMessages } from "./events";
import type { ChatTurnInput, ChatTurnResult, TurnHooks } from "./pipeline";

// The customer's "confirmo" lost a race: between the pipeline reading the sale and closing it, a person
// cancelled the order in the console (or another confirmation closed it first). The close re-checks under the
// row lock and refuses; the answer must then say what the order is now, and the turn must not write the
// stale sale back (that would reopen a cancelled order). A fixed reply, like the one while staff attend.

/** The order as it is now, when `error` is the close's "order is no longer open" refusal; else null. */
export async function orderThatMovedOn(error: unknown, orderId: number | null): Promise<OrderSummary | null> {
  if (!orderId || !isAppError(error) || error.detailCode !== "pedido_no_abierto") return null;
  return getOrderSummary(orderId);
}

function replyFor(order: OrderSummary): string {
  if (order.estado === "cerrada")
    return `Tu pedido ${order.numero} ya quedó confirmado; no hace falta confirmarlo otra vez. ¿Te ayudo con algo más?`;
  return (
    `Un asesor canceló el pedido ${order.numero} hace un momento: no quedó confirmado y no se cobró nada. ` +
    "Si quieres, lo armamos de nuevo: dime qué productos necesitas."
  );
}

export async function movedOnTurn(
  input: ChatTurnInput,
  conversationId: number,
  plan: TurnPlan,
  order: OrderSummary,
  hooks: TurnHooks,
): Promise<ChatTurnResult> {
  const reply = replyFor(order);
  hooks.onStage?.("redactando");
  hooks.onStart?.(plan.intent);
  hooks.onDelta?.(reply);
  hooks.onStage?.("guardando");
  const venta: SaleSnapshot | null = plan.sale
    ? { ...plan.sale, state: order.estado as SaleState, pending: null }
    : null;
  const saved = await recordTurn({
    conversationId,
    customer: { role: "customer", text: input.text, intent: plan.intent, metadata: { canal: input.channel } },
    assistant: () => ({
      role: "assistant",
      text: reply,
      intent: plan.intent,
      saleState: order.estado,
      model: "sistema",
      metadata: { productos: [], pedido: order, sugerencias: [], venta, pedido_cambiado: order.estado },
    }),
    sale: null,
  });
  await publishMessages(input.chatId, saved.messages);
  return {
    chatId: input.chatId,
    reply,
    intent: plan.intent,
    answerKind: plan.facts.kind,
    saleState: order.estado,
    sale: venta,
    suggestions: [],
    products: [],
    order,
    metadata: { productos: [], pedido: order, modelo: "sistema" },
    botDisabled: false,
    replaced: false,
    messages: saved.messages,
  };
}
