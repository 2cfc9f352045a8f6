import { recordAudit } from "@/lib/db/audit";
import { findOpenOrderByChat, getOrderForApi, moveOpenOrder } from "@/lib/db/legacy-api";
import { cancelOrder } from "@/lib/db/order-admin";
import { closeOrder } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { estadoBody } from "@/lib/legacy-api/requests";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: PUT /pedidos/{chat_id}/estado — changes the state of the chat's open order. Closing goes
// through closeOrder (stock, price snapshots); cancelling through the console's cancelOrder.
const DOCUMENT_TYPES = ["CC", "NIT", "CE", "PASAPORTE"] as const;

export const PUT = guardedRoute<{ chat_id: string }>("orders:write", async ({ req, params, principal, requestId }) => {
  const chatId = decodeURIComponent(params.chat_id ?? "");
  const body = await readJson(req, estadoBody);
  const order = await findOpenOrderByChat(chatId);
  if (!order) throw new AppError("not_found", "Esta conversación no tiene un pedido abierto.");
  const note = body.nota ?? null;

  if (body.estado === "cancelada") {
    await cancelOrder(order.id, note ?? "Cancelado por la API", principal);
  } else if (body.estado === "cerrada") {
    const documentType = DOCUMENT_TYPES.find((t) => t === order.customerDocumentType) ?? "CC";
    if (!order.customerName || !order.customerDocument) {
      throw new AppError("invalid_input", "El pedido no tiene nombre y documento del cliente; no se puede cerrar.", {
        fields: { estado: "Faltan los datos del cliente en el pedido." },
      });
    }
    await closeOrder({
      orderId: order.id,
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      customer: {
        name: order.customerName,
        documentType,
        documentNumber: order.customerDocument,
        phone: order.customerPhone,
        email: order.customerEmail,
        address: order.customerAddress,
        city: order.customerCity,
      },
      channel: order.channel,
      actor: principal.kind === "user" ? { type: "staff", id: principal.id } : { type: "api" },
      note: note ?? undefined,
      afterWrite: (tx, closed) =>
        recordAudit(
          principal,
          {
            action: "order.close",
            entityType: "order",
            entityId: closed.id,
            before: { state: order.state },
            after: { state: "cerrada", total: closed.total },
            reason: note,
            requestId,
          },
          tx,
        ),
    });
  } else if (body.estado !== order.state) {
    await moveOpenOrder(order.id, body.estado, note, principal);
  }
  const updated = await getOrderForApi(order.id);
  return json({ ok: true, pedido: updated ? toVenta(updated) : null });
});
