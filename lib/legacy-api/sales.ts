import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { ensureConversation } from "@/lib/db/conversations";
import { findOpenOrderByChat, findProductsByIds, getOrderForApi } from "@/lib/db/legacy-api";
import { closeOrder } from "@/lib/db/orders";
import { AppError, type FieldErrors } from "@/lib/errors";
import { formatCop } from "@/lib/format";
import type { ventaBody } from "@/lib/legacy-api/requests";

// POST /venta/: server prices win. The client's total must equal the total at today's database prices,
// otherwise nothing is written (409 `total_no_coincide`, with the server's figures in `fields`).
type VentaBody = z.output<typeof ventaBody>;

async function priceCheck(body: VentaBody) {
  const quantities = new Map<number, number>();
  for (const p of body.productos) quantities.set(p.producto_id, (quantities.get(p.producto_id) ?? 0) + p.cantidad);
  const products = await findProductsByIds([...quantities.keys()]);
  const missing = [...quantities.keys()].filter((id) => !products.some((p) => p.id === id && p.active));
  if (missing.length > 0) {
    // the previous system's text, once per missing (or inactive) product
    throw new AppError("not_found", missing.map((id) => `Producto con ID ${id} no encontrado`).join("; "), {
      detailCode: "producto_no_encontrado",
    });
  }
  const serverTotal = products.reduce((sum, p) => sum + p.price * (quantities.get(p.id) ?? 0), 0);
  const fields: FieldErrors = {};
  body.productos.forEach((line, i) => {
    const price = products.find((p) => p.id === line.producto_id)?.price;
    if (line.precio_unitario !== undefined && line.precio_unitario !== price) {
      fields[`productos.${i}.precio_unitario`] = `El precio actual es ${formatCop(price ?? 0)}.`;
    }
  });
  if (body.total !== serverTotal) {
    fields.total = `El total con los precios actuales es ${formatCop(serverTotal)} (${serverTotal}).`;
    throw new AppError(
      "conflict",
      `El total enviado (${formatCop(body.total)}) no coincide con el total calculado con los precios actuales (${formatCop(serverTotal)}). No se registró la venta.`,
      { fields, detailCode: "total_no_coincide" },
    );
  }
  return { products, quantities, serverTotal };
}

export async function registerLegacySale(body: VentaBody, principal: Principal, requestId?: string) {
  const { products, quantities } = await priceCheck(body);
  const conversation = await ensureConversation(body.chat_id, "api");
  const open = await findOpenOrderByChat(body.chat_id);
  const fieldErrors: FieldErrors = {};
  if (!body.cliente_cedula) fieldErrors.cliente_cedula = "La cédula del cliente es obligatoria para cerrar la venta.";
  if (!body.cliente_nombre) fieldErrors.cliente_nombre = "El nombre del cliente es obligatorio para cerrar la venta.";
  if (Object.keys(fieldErrors).length > 0 || !body.cliente_cedula || !body.cliente_nombre) {
    throw new AppError("invalid_input", "Faltan datos del cliente.", { fields: fieldErrors });
  }
  const closed = await closeOrder({
    orderId: open?.id,
    conversationId: conversation.id,
    lines: products.map((p) => ({ sku: p.sku, quantity: quantities.get(p.id) ?? 0 })),
    customer: {
      name: body.cliente_nombre,
      documentType: body.tipo_documento,
      documentNumber: body.cliente_cedula,
      phone: body.cliente_telefono,
      email: body.cliente_email,
      address: body.cliente_direccion,
      city: body.cliente_ciudad,
    },
    channel: "api",
    actor: principal.kind === "user" ? { type: "staff", id: principal.id } : { type: "api" },
    note: "Venta registrada por la API (POST /venta/)",
    // re-checked inside the transaction: a price change after priceCheck cannot slip through
    expectedTotal: body.total,
    afterWrite: (tx, order) =>
      recordAudit(
        principal,
        {
          action: "order.close",
          entityType: "order",
          entityId: order.id,
          after: { number: order.number, total: order.total, lines: order.lines, chatId: body.chat_id },
          requestId,
        },
        tx,
      ),
  });
  const order = await getOrderForApi(closed.id);
  if (!order) throw new AppError("internal");
  return order;
}
