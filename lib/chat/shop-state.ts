import { type ChatStateRows, loadChatStateRows } from "@/lib/db/shop-state";
import { productImageUrl } from "@/lib/media/urls";
import { HUMAN_NOTICE, pausedNotice } from "./attendance";
import { currentCompany } from "./knowledge";
import type { ChatState, OrderView } from "./ui-types";

// The web chat's page state (GET /api/chat/{chatId}/state): always the database's, so what staff change in the
// console, or what another channel did, shows up as soon as the page asks again (the event stream tells it to).
function orderView(rows: ChatStateRows): OrderView | null {
  const order = rows.current;
  if (!order) return null;
  const lines = order.lines.map((l) => {
    const media = rows.media.get(l.sku);
    return {
      sku: media?.skuInternal ? null : l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      subtotal: l.subtotal,
      thumb: productImageUrl(media?.imageKey, "thumb"),
    };
  });
  return {
    number: order.number,
    state: order.state,
    lines,
    units: lines.reduce((sum, l) => sum + l.quantity, 0),
    total: order.total,
    customer: {
      name: order.customerName,
      document: order.customerDocument ? `${order.customerDocumentType ?? "CC"} ${order.customerDocument}` : null,
      phone: order.customerPhone,
      email: order.customerEmail,
      address: [order.customerAddress, order.customerCity].filter(Boolean).join(", ") || null,
    },
    updatedAt: order.updatedAt.toISOString(),
  };
}

export async function chatState(chatId: string): Promise<ChatState> {
  const rows = await loadChatStateRows(chatId);
  const attendance =
    rows.conversation && !rows.conversation.botEnabled ? "human" : rows.globalSwitch.enabled ? "bot" : "paused";
  const notice =
    attendance === "human" ? HUMAN_NOTICE : attendance === "paused" ? pausedNotice(await currentCompany()) : null;
  const quote = rows.conversation?.quotes[0];
  return {
    attendance,
    attendedBy: attendance === "human" ? (rows.conversation?.takenOverBy?.name ?? null) : null,
    notice,
    order: orderView(rows),
    earlierOrders: (rows.conversation?.orders.slice(1) ?? [])
      .filter((o) => o.state === "cerrada")
      .map((o) => ({
        number: o.number,
        state: o.state,
        total: o.total,
        at: (o.closedAt ?? o.updatedAt).toISOString(),
      })),
    quote:
      quote && rows.current && quote.orderId === rows.current.id && quote.validUntil > new Date()
        ? { number: quote.number, validUntil: quote.validUntil.toISOString() }
        : null,
  };
}
