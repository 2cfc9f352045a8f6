"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { publishOrderChanged } from "@/lib/chat/events";
import { manualOrderSchema, runManualSale } from "@/lib/console/manual-order";
import { recordAudit } from "@/lib/db/audit";
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
