import { type DbTransaction, db } from "@/lib/db/client";
import { OPEN_ORDER_STATES } from "@/lib/domain/order-words";
import { AppError } from "@/lib/errors";

// Closing a sale is one transaction: stock decremented with a conditional update (never below zero, even
// under concurrent closes), the order saved with price snapshots taken from the database, and the client
// upserted by document with purchase statistics. Used by the agent, the console and the legacy API.
export type OrderActor = { type: "bot" | "staff" | "api" | "system"; id?: number | null };

export type OrderCustomer = {
  name: string;
  documentType: "CC" | "NIT" | "CE" | "PASAPORTE";
  documentNumber: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  city?: string | null;
};

export type CloseOrderInput = {
  /** An open order (the agent's cart) to close; omit to create and close a new order. */
  orderId?: number;
  conversationId?: number | null;
  lines: { sku: string; quantity: number }[];
  customer: OrderCustomer;
  channel: string;
  actor: OrderActor;
  note?: string;
  /** A total the caller showed or was sent; the close is refused (nothing written) when the database's differs. */
  expectedTotal?: number;
  /** Runs inside the transaction after the order is written (e.g. the audit entry of a staff write). */
  afterWrite?: (tx: DbTransaction, order: ClosedOrder) => Promise<void>;
};

export type ClosedOrderLine = { sku: string; name: string; quantity: number; unitPrice: number; subtotal: number };
export type ClosedOrder = {
  id: number;
  number: string;
  total: number;
  clientId: number;
  lines: ClosedOrderLine[];
  closedAt: Date;
};

export type StockShortage = { sku: string; name: string; requested: number; available: number };

export class StockConflictError extends AppError {
  readonly shortages: StockShortage[];
  constructor(shortages: StockShortage[]) {
    const detail = shortages.map((s) => `${s.name} (${s.sku}): pediste ${s.requested}, hay ${s.available}`).join("; ");
    super("conflict", `No hay stock suficiente: ${detail}.`, { detailCode: "stock_insuficiente" });
    this.shortages = shortages;
  }
}

export { OPEN_ORDER_STATES };

export function orderNumberFor(id: number): string {
  return `SV-${String(id).padStart(6, "0")}`;
}

function mergeLines(lines: CloseOrderInput["lines"]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new AppError("invalid_input", `La cantidad de ${line.sku} debe ser un entero mayor que cero.`);
    }
    merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  }
  if (merged.size === 0) throw new AppError("invalid_input", "El pedido no tiene productos.");
  return merged;
}

async function decrementStock(tx: DbTransaction, quantities: Map<string, number>) {
  const products = await tx.product.findMany({
    where: { sku: { in: [...quantities.keys()] } },
    orderBy: { id: "asc" },
  });
  const missing = [...quantities.keys()].filter((sku) => !products.some((p) => p.sku === sku && p.active));
  if (missing.length > 0)
    throw new AppError("not_found", `Estos productos no existen o no están activos: ${missing.join(", ")}.`);

  const shortages: StockShortage[] = [];
  const decremented: { product: (typeof products)[number]; quantity: number; stockAfter: number }[] = [];
  // id order keeps concurrent transactions from deadlocking on PostgreSQL
  for (const product of products) {
    const quantity = quantities.get(product.sku) ?? 0;
    const { count } = await tx.product.updateMany({
      where: { id: product.id, active: true, stock: { gte: quantity } },
      data: { stock: { decrement: quantity } },
    });
    const current = await tx.product.findUniqueOrThrow({ where: { id: product.id }, select: { stock: true } });
    if (count === 0)
      shortages.push({ sku: product.sku, name: product.name, requested: quantity, available: current.stock });
    else decremented.push({ product, quantity, stockAfter: current.stock });
  }
  if (shortages.length > 0) throw new StockConflictError(shortages);
  return decremented;
}

/**
 * Upserts the client by document. An anonymous chat (actor `bot`) only fills fields the client lacks: knowing
 * someone's cédula must not let a stranger rewrite the contact data staff rely on (the order keeps what was typed).
 */
async function upsertClient(tx: DbTransaction, customer: OrderCustomer, total: number, now: Date, trusted: boolean) {
  const key = { documentType: customer.documentType, documentNumber: customer.documentNumber };
  const typed = {
    name: customer.name,
    phone: customer.phone || null,
    email: customer.email || null,
    address: customer.address || null,
    city: customer.city || null,
  };
  const existing = await tx.client.findUnique({ where: { documentType_documentNumber: key } });
  const stats = { lastPurchaseAt: now, purchaseCount: { increment: 1 }, purchaseTotal: { increment: total } };
  if (!existing) {
    return tx.client.create({
      data: { ...key, ...typed, firstPurchaseAt: now, lastPurchaseAt: now, purchaseCount: 1, purchaseTotal: total },
    });
  }
  const contact: Partial<typeof typed> = {};
  for (const field of ["name", "phone", "email", "address", "city"] as const) {
    const value = typed[field];
    if (value && (trusted || !existing[field])) contact[field] = value;
  }
  return tx.client.update({
    where: { id: existing.id },
    data: { ...contact, ...stats, firstPurchaseAt: existing.firstPurchaseAt ?? now },
  });
}

export async function closeOrder(input: CloseOrderInput): Promise<ClosedOrder> {
  const quantities = mergeLines(input.lines);
  return db().$transaction(
    async (tx) => {
      const now = new Date();
      const previous = input.orderId ? await tx.order.findUnique({ where: { id: input.orderId } }) : null;
      if (input.orderId && !previous) throw new AppError("not_found", "El pedido no existe.");
      if (previous) {
        // Claim the open order first: concurrent closes (a double "confirmo") or a close racing a cancel
        // re-check the state under the row lock, so exactly one of them wins.
        const claimed = await tx.order.updateMany({
          where: { id: previous.id, state: { in: [...OPEN_ORDER_STATES] } },
          data: { state: "cerrada" },
        });
        if (claimed.count !== 1) {
          const current = await tx.order.findUnique({ where: { id: previous.id }, select: { state: true } });
          throw new AppError("conflict", `El pedido ${previous.number} ya está ${current?.state ?? previous.state}.`, {
            detailCode: "pedido_no_abierto",
          });
        }
      }

      const decremented = await decrementStock(tx, quantities);
      const lines: (ClosedOrderLine & { productId: number })[] = decremented.map(({ product, quantity }) => ({
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity,
        unitPrice: product.price,
        subtotal: product.price * quantity,
      }));
      const total = lines.reduce((sum, l) => sum + l.subtotal, 0);
      if (input.expectedTotal !== undefined && input.expectedTotal !== total) {
        throw new AppError(
          "conflict",
          `El total enviado no coincide con los precios actuales: el total es ${total} COP.`,
          {
            detailCode: "total_no_coincide",
          },
        );
      }
      const client = await upsertClient(tx, input.customer, total, now, input.actor.type !== "bot");
      const conversationId = input.conversationId ?? previous?.conversationId ?? null;

      const data = {
        state: "cerrada",
        total,
        clientId: client.id,
        conversationId,
        customerName: input.customer.name,
        customerDocumentType: input.customer.documentType,
        customerDocument: input.customer.documentNumber,
        customerPhone: input.customer.phone ?? null,
        customerEmail: input.customer.email ?? null,
        customerAddress: input.customer.address ?? null,
        customerCity: input.customer.city ?? null,
        closedAt: now,
      };
      let order: { id: number; number: string };
      if (previous) {
        await tx.orderLine.deleteMany({ where: { orderId: previous.id } });
        order = await tx.order.update({ where: { id: previous.id }, data: { ...data, lines: { create: lines } } });
      } else {
        const created = await tx.order.create({
          data: {
            ...data,
            number: `tmp-${crypto.randomUUID()}`,
            channel: input.channel,
            createdById: input.actor.type === "staff" ? input.actor.id : null,
            lines: { create: lines },
          },
        });
        order = await tx.order.update({ where: { id: created.id }, data: { number: orderNumberFor(created.id) } });
      }

      await tx.orderStateChange.create({
        data: {
          orderId: order.id,
          fromState: previous?.state ?? null,
          toState: "cerrada",
          actorType: input.actor.type,
          actorId: input.actor.id ?? null,
          note: input.note ?? null,
        },
      });
      await tx.stockMovement.createMany({
        data: decremented.map(({ product, quantity, stockAfter }) => ({
          productId: product.id,
          delta: -quantity,
          stockAfter,
          reason: "sale",
          orderId: order.id,
          userId: input.actor.type === "staff" ? (input.actor.id ?? null) : null,
        })),
      });
      if (conversationId)
        await tx.conversation.update({ where: { id: conversationId }, data: { clientId: client.id } });

      const closed: ClosedOrder = {
        id: order.id,
        number: order.number,
        total,
        clientId: client.id,
        lines: lines.map(({ productId: _, ...l }) => l),
        closedAt: now,
      };
      await input.afterWrite?.(tx, closed);
      return closed;
    },
    { maxWait: 20_000, timeout: 30_000 },
  );
}
