"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { publishOrderChanged } from "@/lib/chat/events";
import { manualOrderSchema, runManualSale } from "@/lib/console/manual-order";
import { recordAudit } from "@/lib/db/audit";
import { addOrderComment, advanceFulfilment } from "@/lib/db/fulfilment";
import { cancelOrder, loadSaleCatalog } from "@/lib/db/order-admin";
import { closeOrder } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";

export const cancelOrderAction = guardedAction(
  "orders:write",
  z.strictObject({
    id: z.number().int().positive(),
    reason: z.string().trim().min(3, "Indica el motivo de la cancelación (mínimo 3 caracteres).").max(300),
  }),
  async ({ id, reason }, principal) => {
    const result = await cancelOrder(id, reason, principal);
    await publishOrderChanged(id);
    revalidatePath(`/dashboard/orders/${id}`);
    return result;
  },
);

export const createManualOrderAction = guardedAction("orders:write", manualOrderSchema, async (input, principal) => {
  const catalog = await loadSaleCatalog(input.lines.map((l) => l.sku.toUpperCase()));
  const { snapshot, errors } = runManualSale(input, (sku) => catalog.get(sku));
  if (Object.keys(errors).length > 0) {
    throw new AppError("invalid_input", "Revisa los datos marcados antes de cerrar la venta.", { fields: errors });
  }
  const customer = snapshot.customer;
  const order = await closeOrder({
    lines: snapshot.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    customer: {
      name: customer.name ?? "",
      documentType: customer.documentType ?? "CC",
      documentNumber: customer.documentNumber ?? "",
      phone: customer.phone ?? null,
      email: customer.email ?? null,
      address: customer.address ?? null,
      city: customer.city ?? null,
    },
    channel: "console",
    actor: { type: "staff", id: principal.kind === "user" ? principal.id : null },
    note: input.note || "Venta telefónica registrada en la consola",
    afterWrite: (tx, closed) =>
      recordAudit(
        principal,
        {
          action: "order.create_manual",
          entityType: "order",
          entityId: closed.id,
          after: { number: closed.number, total: closed.total, lines: closed.lines, clientId: closed.clientId },
          reason: input.note || null,
        },
        tx,
      ),
  });
  revalidatePath("/dashboard/orders");
  return { id: order.id, number: order.number, total: order.total };
});

const orderId = z.number().int().positive();

export const advanceFulfilmentAction = guardedAction(
  "orders:write",
  z.strictObject({
    id: orderId,
    action: z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("pay") }),
      z.strictObject({
        type: z.literal("dispatch"),
        carrier: z.string().trim().min(2, "Indica la transportadora.").max(80),
        trackingNumber: z.string().trim().min(2, "Indica el número de guía.").max(80),
      }),
      z.strictObject({ type: z.literal("deliver") }),
    ]),
    note: z.string().trim().max(300).optional().default(""),
  }),
  async ({ id, action, note }, principal) => {
    const result = await advanceFulfilment(id, action, note || null, principal);
    await publishOrderChanged(id);
    revalidatePath(`/dashboard/orders/${id}`);
    return { number: result.number, fulfilment: result.fulfilment };
  },
);

export const addOrderCommentAction = guardedAction(
  "orders:write",
  z.strictObject({
    id: orderId,
    text: z.string().trim().min(1, "Escribe el comentario.").max(1000, "El comentario supera 1000 caracteres."),
  }),
  async ({ id, text }, principal) => {
    const comment = await addOrderComment(id, text, principal);
    revalidatePath(`/dashboard/orders/${id}`);
    return { id: comment.id };
  },
);
