import type { Principal } from "@/lib/auth/principal";
import { bogotaDayStart, type OrderQuery } from "@/lib/console/order-query";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/clients";
import { cancellationRefusal, cancellationRestoresStock } from "@/lib/domain/fulfilment";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const ORDERS_PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

export function orderWhere(q: OrderQuery): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (q.state) and.push({ state: q.state });
  if (q.fulfilment) {
    and.push({ state: "cerrada", fulfilment: q.fulfilment === "por_pagar" ? null : q.fulfilment });
  }
  if (q.channel) and.push({ channel: q.channel });
  if (q.from) and.push({ createdAt: { gte: bogotaDayStart(q.from) } });
  if (q.to) and.push({ createdAt: { lt: new Date(bogotaDayStart(q.to).getTime() + DAY_MS) } });
  const term = q.client.trim();
  if (term) {
    const digits = term.replace(/\D/g, "");
    and.push({
      OR: [
        { customerName: containsInsensitive(term) },
        { number: { contains: term.toUpperCase() } },
        ...(digits.length >= 4
          ? [{ customerDocument: { contains: digits } }, { customerPhone: { contains: digits } }]
          : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

export async function listOrders(q: OrderQuery) {
  const where = orderWhere(q);
  const [rows, total, sums] = await Promise.all([
    db().order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * ORDERS_PAGE_SIZE,
      take: ORDERS_PAGE_SIZE,
      select: {
        id: true,
        number: true,
        state: true,
        fulfilment: true,
        channel: true,
        total: true,
        customerName: true,
        customerDocument: true,
        createdAt: true,
        closedAt: true,
        client: { select: { id: true, name: true } },
        _count: { select: { lines: true } },
      },
    }),
    db().order.count({ where }),
    db().order.groupBy({ by: ["state"], where, _sum: { total: true }, _count: { _all: true } }),
  ]);
  const byState = Object.fromEntries(sums.map((s) => [s.state, { count: s._count._all, total: s._sum.total ?? 0 }]));
  return { rows, total, byState };
}

export function getOrderDetail(id: number) {
  return db().order.findUnique({
    where: { id },
    include: {
      lines: { orderBy: { id: "asc" } },
      history: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      client: true,
      createdBy: { select: { name: true, email: true } },
      conversation: {
        select: {
          id: true,
          chatId: true,
          channel: true,
          messages: {
            orderBy: { id: "asc" },
            take: 200,
            select: { id: true, role: true, text: true, createdAt: true },
          },
        },
      },
    },
  });
}

/**
 * Cancels an order. A closed order gives its units back (conditional increments, StockMovement
 * `cancellation`) and leaves the client's purchase totals; an open cart never took stock, so only its state
 * changes. All in one transaction with the state change and the audit entry.
 */
export async function cancelOrder(id: number, reason: string, principal: Principal) {
  return db().$transaction(
    async (tx) => {
      const order = await tx.order.findUnique({ where: { id }, include: { lines: true } });
      if (!order) throw new AppError("not_found", "El pedido no existe.");
      if (order.state === "cancelada") throw new AppError("conflict", `El pedido ${order.number} ya está cancelado.`);
      const refusal = cancellationRefusal(order);
      if (refusal) throw new AppError("conflict", refusal);
      // Claim the order first: a concurrent cancel (or dispatch) finds the row changed and restores nothing twice.
      const claimed = await tx.order.updateMany({
        where: { id, state: order.state, fulfilment: order.fulfilment },
        data: { state: "cancelada", cancelledAt: new Date(), cancelReason: reason },
      });
      if (claimed.count === 0)
        throw new AppError("conflict", "El pedido cambió mientras lo cancelabas. Recarga la página.");
      const userId = principal.kind === "user" ? principal.id : null;
      const restored: { sku: string; quantity: number; stockAfter: number }[] = [];
      if (cancellationRestoresStock(order)) {
        for (const line of [...order.lines].sort((a, b) => (a.productId ?? 0) - (b.productId ?? 0))) {
          if (!line.productId) continue;
          const product = await tx.product.update({
            where: { id: line.productId },
            data: { stock: { increment: line.quantity } },
            select: { stock: true },
          });
          await tx.stockMovement.create({
            data: {
              productId: line.productId,
              delta: line.quantity,
              stockAfter: product.stock,
              reason: "cancellation",
              note: reason,
              orderId: id,
              userId,
            },
          });
          restored.push({ sku: line.sku, quantity: line.quantity, stockAfter: product.stock });
        }
        if (order.clientId) {
          await tx.client.update({
            where: { id: order.clientId },
            data: { purchaseCount: { decrement: 1 }, purchaseTotal: { decrement: order.total } },
          });
        }
      }
      await tx.orderStateChange.create({
        data: {
          orderId: id,
          fromState: order.state,
          toState: "cancelada",
          actorType: "staff",
          actorId: userId,
          note: reason,
        },
      });
      await recordAudit(
        principal,
        {
          action: "order.cancel",
          entityType: "order",
          entityId: id,
          before: { state: order.state, total: order.total },
          after: { state: "cancelada", restored },
          reason,
        },
        tx,
      );
      return { number: order.number, restored };
    },
    { maxWait: 20_000, timeout: 30_000 },
  );
}

/** Catalogue entries for the SKUs of a manual order, shaped for the sale state machine's lookup. */
export async function loadSaleCatalog(skus: string[]) {
  const products = await db().product.findMany({
    where: { sku: { in: skus } },
    select: { sku: true, name: true, price: true, stock: true, unit: true, active: true },
  });
  return new Map(products.map((p) => [p.sku, p]));
}
