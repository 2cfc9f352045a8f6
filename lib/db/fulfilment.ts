import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { applyFulfilment, type FulfilmentAction } from "@/lib/domain/fulfilment";
import { AppError } from "@/lib/errors";

const STAMP = { pagada: "paidAt", despachada: "dispatchedAt", entregada: "deliveredAt" } as const;

/**
 * One fulfilment step (pagada, despachada, entregada): the order row, its state-history entry and the audit
 * entry in one transaction. The row is claimed on its current fulfilment value, so two people pressing the
 * same button record the step once and the second gets a conflict.
 */
export async function advanceFulfilment(
  id: number,
  action: FulfilmentAction,
  note: string | null,
  principal: Principal,
) {
  return db().$transaction(async (tx) => {
    const order = await tx.order.findUnique({
      where: { id },
      select: { id: true, number: true, state: true, fulfilment: true, conversation: { select: { chatId: true } } },
    });
    if (!order) throw new AppError("not_found", "El pedido no existe.");
    const step = applyFulfilment(order, action);
    if (!step.ok) throw new AppError(step.code, step.message);
    const at = new Date();
    const claimed = await tx.order.updateMany({
      where: { id, state: "cerrada", fulfilment: order.fulfilment },
      data: { fulfilment: step.to, [STAMP[step.to]]: at, ...step.fields },
    });
    if (claimed.count === 0)
      throw new AppError("conflict", "El pedido cambió mientras lo actualizabas. Recarga la página.");
    const actorId = principal.kind === "user" ? principal.id : null;
    const details = step.fields.carrier ? `${step.fields.carrier} · guía ${step.fields.trackingNumber}` : null;
    await tx.orderStateChange.create({
      data: {
        orderId: id,
        fromState: step.from === "por_pagar" ? "cerrada" : step.from,
        toState: step.to,
        actorType: "staff",
        actorId,
        note: [details, note].filter(Boolean).join(" · ") || null,
        createdAt: at,
      },
    });
    await recordAudit(
      principal,
      {
        action: `order.${step.to === "pagada" ? "pay" : step.to === "despachada" ? "dispatch" : "deliver"}`,
        entityType: "order",
        entityId: id,
        before: { fulfilment: order.fulfilment },
        after: { fulfilment: step.to, ...step.fields },
        reason: note,
      },
      tx,
    );
    return { number: order.number, fulfilment: step.to, at, chatId: order.conversation?.chatId ?? null };
  });
}

export async function addOrderComment(id: number, text: string, principal: Principal) {
  const authorId = principal.kind === "user" ? principal.id : null;
  return db().$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id }, select: { id: true } });
    if (!order) throw new AppError("not_found", "El pedido no existe.");
    const comment = await tx.orderComment.create({ data: { orderId: id, authorId, text } });
    await recordAudit(
      principal,
      { action: "order.comment", entityType: "order", entityId: id, after: { commentId: comment.id, text } },
      tx,
    );
    return comment;
  });
}

export function listOrderComments(orderId: number) {
  return db().orderComment.findMany({
    where: { orderId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, text: true, createdAt: true, author: { select: { name: true } } },
  });
}

/** Who did each step of an order's history (OrderStateChange keeps only the id). */
export async function staffNames(ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
