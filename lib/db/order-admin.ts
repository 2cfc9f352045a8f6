import type { Principal } from "@/lib/auth/principal";
import { bogotaDayStart, DEFAULT_ORDER_SORT, type OrderQuery, type OrderSort } from "@/lib/console/order-query";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/clients";
import { cachedTotals } from "@/lib/db/list-totals";
import { ORDER_SEARCH, searchIds } from "@/lib/db/search";
import { cancellationRefusal, cancellationRestoresStock } from "@/lib/domain/fulfilment";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const ORDERS_PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

export async function orderWhere(q: OrderQuery): Promise<Prisma.OrderWhereInput> {
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
    // customer name or order number contains the text, or document or phone its digits (4 or more)
    const ids = await searchIds(ORDER_SEARCH, term, digits.length >= 4 ? digits : null);
    and.push(
      ids
        ? { id: { in: ids } }
        : {
            OR: [
              { customerName: containsInsensitive(term) },
              { number: { contains: term.toUpperCase() } },
              ...(digits.length >= 4
                ? [{ customerDocument: { contains: digits } }, { customerPhone: { contains: digits } }]
                : []),
            ],
          },
    );
  }
  return and.length ? { AND: and } : {};
}

const LIST_SELECT = {
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
} as const;

/** Where a page ends: the next page starts strictly after it in (createdAt desc, id desc) order. */
export type OrderCursor = { createdAt: Date; id: number };

export function encodeOrderCursor(c: OrderCursor): string {
  return `${c.createdAt.getTime().toString(36)}.${c.id.toString(36)}`;
}

export function decodeOrderCursor(text: string | null | undefined): OrderCursor | null {
  const m = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})$/.exec(text ?? "");
  if (!m) return null;
  const createdAt = new Date(Number.parseInt(m[1] as string, 36));
  const id = Number.parseInt(m[2] as string, 36);
  return Number.isFinite(createdAt.getTime()) && Number.isSafeInteger(id) ? { createdAt, id } : null;
}

/**
 * Strictly after the cursor, written as a range on createdAt (≤) minus the cursor's own instant up to its id: an
 * OR of the two cases made SQLite scan and sort the whole table (4 s at 1 M orders); a range walks the index.
 */
function afterCursor(c: OrderCursor): Prisma.OrderWhereInput {
  return { createdAt: { lte: c.createdAt }, NOT: { createdAt: c.createdAt, id: { gte: c.id } } };
}

/** The database order of a sort from the whitelist (the id breaks ties, so pages never overlap). */
function orderBy(sort: OrderSort = DEFAULT_ORDER_SORT): Prisma.OrderOrderByWithRelationInput[] {
  const direction = sort.desc ? "desc" : "asc";
  return [{ [sort.key]: direction }, { id: direction }];
}

/**
 * A page of the sales list, newest first unless `q.sort` says otherwise. With `after` (a cursor from the
 * previous page, newest-first order only) the page is read by keyset on the (state|channel|…, createdAt, id)
 * indexes, as fast on page 40 000 as on page 1; without it, `page` is an OFFSET (fine for the first pages and
 * for the other orders). Line counts are read for the page's 25 orders only, and the totals (count, per-state
 * sums) are cached per filter (lib/db/list-totals.ts).
 */
export async function listOrders(q: OrderQuery, options: { after?: string | null } = {}) {
  const where = await orderWhere(q);
  const keyset = !q.sort || (q.sort.key === DEFAULT_ORDER_SORT.key && q.sort.desc === DEFAULT_ORDER_SORT.desc);
  const cursor = keyset ? decodeOrderCursor(options.after ?? q.after) : null;
  // the totals depend on the filters only: not on the order, the page or the cursor
  const { page: _page, sort: _sort, after: _after, ...filters } = q;
  const filterKey = `orders:${JSON.stringify(filters)}`;
  const [page, totals] = await Promise.all([
    db().order.findMany({
      where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
      orderBy: orderBy(q.sort),
      ...(cursor ? {} : { skip: (q.page - 1) * ORDERS_PAGE_SIZE }),
      take: ORDERS_PAGE_SIZE,
      select: LIST_SELECT,
    }),
    cachedTotals(filterKey, async () => {
      const [total, sums] = await Promise.all([
        db().order.count({ where }),
        db().order.groupBy({ by: ["state"], where, _sum: { total: true }, _count: { _all: true } }),
      ]);
      const byState = Object.fromEntries(
        sums.map((s) => [s.state, { count: s._count._all, total: s._sum.total ?? 0 }]),
      ) as Record<string, { count: number; total: number }>;
      return { total, byState };
    }),
  ]);
  const counts = page.length
    ? await db().orderLine.groupBy({
        by: ["orderId"],
        where: { orderId: { in: page.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  const lines = new Map(counts.map((c) => [c.orderId, c._count._all]));
  const rows = page.map((r) => ({ ...r, _count: { lines: lines.get(r.id) ?? 0 } }));
  const last = page.at(-1);
  const nextCursor = keyset && last && page.length === ORDERS_PAGE_SIZE ? encodeOrderCursor(last) : null;
  return { rows, total: totals.total, byState: totals.byState, nextCursor };
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
