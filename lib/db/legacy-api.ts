import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/clients";
import { OPEN_ORDER_STATES } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { foldText } from "@/lib/text";

// Reads (and the one state change) behind the previous system's REST API. Writes of products, stock,
// cancellations and bot switches reuse the console's functions; these cover what only the API needs.
export type Page = { limit: number; offset: number };

export async function listProductsForApi(f: Page & { q?: string; categoria?: string; activo?: boolean }) {
  const where: Prisma.ProductWhereInput = {
    ...(f.q ? { searchText: { contains: foldText(f.q) } } : {}),
    ...(f.categoria ? { category: f.categoria } : {}),
    ...(f.activo === undefined ? {} : { active: f.activo }),
  };
  const [rows, total] = await Promise.all([
    db().product.findMany({ where, orderBy: { id: "asc" }, skip: f.offset, take: f.limit }),
    db().product.count({ where }),
  ]);
  return { rows, total };
}

/**
 * The products a legacy client names by id. After an import it names them by the previous system's id
 * (`legacyId`), which wins over our own id; products created here have no legacy id and keep theirs.
 * Each product comes back with `id` set to the id the client used.
 */
export async function findProductsByIds(ids: number[]) {
  const rows = await db().product.findMany({ where: { OR: [{ legacyId: { in: ids } }, { id: { in: ids } }] } });
  const byLegacy = new Map(rows.filter((p) => p.legacyId !== null).map((p) => [p.legacyId as number, p]));
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const product = byLegacy.get(id) ?? byId.get(id);
    return product ? [{ ...product, id }] : [];
  });
}

/** Our id of the product a legacy client calls `id` (see findProductsByIds), or null. */
export async function resolveApiProductId(id: number): Promise<number | null> {
  const product =
    (await db().product.findUnique({ where: { legacyId: id }, select: { id: true } })) ??
    (await db().product.findUnique({ where: { id }, select: { id: true } }));
  return product?.id ?? null;
}

/** Clients matching the term (cédula prefix, name or phone), the top buyers by value first (as before). */
/** The previous system's POST /productos/ matched products on the exact name (the oldest wins a tie). */
export function findProductByExactName(name: string) {
  return db().product.findFirst({ where: { name }, orderBy: { id: "asc" }, select: { id: true } });
}

export async function listClientsForApi(f: Page & { q?: string }) {
  const q = f.q?.trim();
  const where: Prisma.ClientWhereInput = q
    ? // the previous system matched with `ilike`: the name ignores case on both flavours
      { OR: [{ documentNumber: { startsWith: q } }, { name: containsInsensitive(q) }, { phone: { contains: q } }] }
    : {};
  const [rows, total] = await Promise.all([
    db().client.findMany({
      where,
      orderBy: [{ purchaseTotal: "desc" }, { id: "asc" }],
      skip: f.offset,
      take: f.limit,
    }),
    db().client.count({ where }),
  ]);
  return { rows, total };
}

const orderInclude = {
  // the product's previous-system id: legacy clients know imported products by it (see findProductsByIds)
  lines: { orderBy: { id: "asc" }, include: { product: { select: { legacyId: true } } } },
  conversation: { select: { chatId: true } },
} as const satisfies Prisma.OrderInclude;

export type ApiOrder = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

/** A client by document number (CC first when several document types share the number), with history. */
export async function getClientWithHistory(documentNumber: string) {
  const clients = await db().client.findMany({ where: { documentNumber }, orderBy: { id: "asc" } });
  const client = clients.find((c) => c.documentType === "CC") ?? clients[0];
  if (!client) return null;
  const orders = await db().order.findMany({
    where: { clientId: client.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: orderInclude,
  });
  return { client, orders };
}

export async function listOrdersForApi(
  f: Page & { states: string[]; from?: Date; to?: Date; dateField: "createdAt" | "closedAt" },
) {
  const range = f.from || f.to ? { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } : undefined;
  const where: Prisma.OrderWhereInput = { state: { in: f.states }, ...(range ? { [f.dateField]: range } : {}) };
  const [rows, total] = await Promise.all([
    db().order.findMany({ where, orderBy: { id: "desc" }, skip: f.offset, take: f.limit, include: orderInclude }),
    db().order.count({ where }),
  ]);
  return { rows, total };
}

export function getOrderForApi(id: number) {
  return db().order.findUnique({ where: { id }, include: orderInclude });
}

/** The chat's most recent order still open (the agent's cart), if any. */
export function findOpenOrderByChat(chatId: string) {
  return db().order.findFirst({
    where: { conversation: { chatId }, state: { in: [...OPEN_ORDER_STATES] } },
    orderBy: { id: "desc" },
    include: orderInclude,
  });
}

/** Moves an open order between open states (no stock involved), with history and audit in one transaction. */
export async function moveOpenOrder(id: number, toState: string, note: string | null, principal: Principal) {
  return db().$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id } });
    const moved = await tx.order.updateMany({ where: { id, state: order.state }, data: { state: toState } });
    if (moved.count === 0)
      throw new AppError("conflict", "El pedido cambió mientras lo actualizabas. Intenta de nuevo.");
    await tx.orderStateChange.create({
      data: {
        orderId: id,
        fromState: order.state,
        toState,
        actorType: principal.kind === "user" ? "staff" : "api",
        actorId: principal.kind === "user" ? principal.id : null,
        note,
      },
    });
    await recordAudit(
      principal,
      {
        action: "order.state",
        entityType: "order",
        entityId: id,
        before: { state: order.state },
        after: { state: toState },
        reason: note,
      },
      tx,
    );
  });
}

export async function chatControlStats() {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const [total, botOn, messages24h, conversations24h] = await Promise.all([
    db().conversation.count(),
    db().conversation.count({ where: { botEnabled: true } }),
    db().message.count({ where: { createdAt: { gte: since } } }),
    db().conversation.count({ where: { lastMessageAt: { gte: since } } }),
  ]);
  return { total, botOn, botOff: total - botOn, messages24h, conversations24h };
}

export async function listAuditForApi(f: Page & { accion?: string; entidad?: string }) {
  const where: Prisma.AuditLogWhereInput = {
    ...(f.accion ? { action: { startsWith: f.accion } } : {}),
    ...(f.entidad ? { entityType: f.entidad } : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({ where, orderBy: { id: "desc" }, skip: f.offset, take: f.limit }),
    db().auditLog.count({ where }),
  ]);
  return { rows, total };
}

/** The newest messages of every chat (legacy GET /exportar/conversaciones-rag), newest first. */
export function latestMessagesForLegacy(limit: number) {
  return db().message.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: {
      id: true,
      role: true,
      text: true,
      intent: true,
      saleState: true,
      metadata: true,
      createdAt: true,
      conversation: { select: { chatId: true } },
    },
  });
}
