import { type DbTransaction, db } from "@/lib/db/client";
import { OPEN_ORDER_STATES, orderNumberFor } from "@/lib/db/orders";
import type { CartLine, CustomerData, DocumentType, SaleSnapshot, SaleState } from "@/lib/sales/types";

// The agent's open sale lives in the database as an Order in an open state (so the console sees carts as
// they fill up). Prices on the lines are always re-read from Product, never taken from the snapshot.
export type StoredSale = { orderId: number; number: string; snapshot: SaleSnapshot; updatedAt: Date };

export type OrderSummary = {
  id: string;
  numero: string;
  estado: string;
  items: { sku: string; nombre: string; cantidad: number; precio_unitario: number; subtotal: number }[];
  total: number;
  cliente: { nombre: string | null; cedula: string | null; telefono: string | null; direccion: string | null };
};

const DOCUMENT_TYPES: readonly DocumentType[] = ["CC", "NIT", "CE", "PASAPORTE"];

const isOpen = (state: string) => (OPEN_ORDER_STATES as readonly string[]).includes(state);

export type OrderRow = NonNullable<Awaited<ReturnType<typeof loadLatestOrder>>>;

function loadLatestOrder(conversationId: number) {
  return db().order.findFirst({
    where: { conversationId },
    orderBy: { id: "desc" },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

function customerOf(order: OrderRow): CustomerData {
  const customer: CustomerData = {};
  if (order.customerName) customer.name = order.customerName;
  if (order.customerDocument) {
    customer.documentNumber = order.customerDocument;
    const type = order.customerDocumentType as DocumentType | null;
    customer.documentType = type && DOCUMENT_TYPES.includes(type) ? type : "CC";
  }
  if (order.customerPhone) customer.phone = order.customerPhone;
  if (order.customerAddress) customer.address = order.customerAddress;
  if (order.customerCity) customer.city = order.customerCity;
  if (order.customerEmail) customer.email = order.customerEmail;
  return customer;
}

/**
 * The conversation's sale: its open order, or its last order when the conversation still stands on that
 * closed/cancelled sale (so "confirmo" twice is answered as already closed, and a new purchase keeps the
 * customer's data).
 */
export async function findConversationSale(conversationId: number, conversationSaleState: string | null) {
  const order = await loadLatestOrder(conversationId);
  return order ? saleFromOrder(order, conversationSaleState) : null;
}

/** The sale a conversation stands on, from its newest order (with lines); null when it moved past that order. */
export function saleFromOrder(order: OrderRow, conversationSaleState: string | null): StoredSale | null {
  if (!isOpen(order.state) && order.state !== conversationSaleState) return null;
  const lines: CartLine[] = order.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  }));
  const snapshot: SaleSnapshot = {
    state: order.state as SaleState,
    lines,
    customer: customerOf(order),
    pending: null,
  };
  return { orderId: order.id, number: order.number, snapshot, updatedAt: order.updatedAt } satisfies StoredSale;
}

function customerColumns(customer: CustomerData) {
  return {
    customerName: customer.name ?? null,
    customerDocumentType: customer.documentNumber ? (customer.documentType ?? "CC") : null,
    customerDocument: customer.documentNumber ?? null,
    customerPhone: customer.phone ?? null,
    customerAddress: customer.address ?? null,
    customerCity: customer.city ?? null,
    customerEmail: customer.email ?? null,
  };
}

async function pricedLines(tx: DbTransaction, lines: readonly CartLine[]) {
  const products = await tx.product.findMany({ where: { sku: { in: lines.map((l) => l.sku) } } });
  return priceLines(lines, products);
}

/** The cart's lines at the products' current prices (a SKU no longer in the catalogue drops out). */
export function priceLines(
  lines: readonly CartLine[],
  products: readonly { id: number; sku: string; name: string; price: number }[],
) {
  return lines.flatMap((line) => {
    const product = products.find((p) => p.sku === line.sku);
    if (!product) return [];
    return [
      {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity: line.quantity,
        unitPrice: product.price,
        subtotal: product.price * line.quantity,
      },
    ];
  });
}

/** The open order already holds exactly this state, customer and priced lines: nothing to write. */
export function unchanged(
  order: OrderRow,
  data: Record<string, unknown>,
  lines: readonly { sku: string; quantity: number; unitPrice: number; name: string }[],
): boolean {
  const columns = order as unknown as Record<string, unknown>;
  if (Object.entries(data).some(([key, value]) => columns[key] !== value)) return false;
  return (
    order.lines.length === lines.length &&
    order.lines.every((l, i) => {
      const next = lines[i];
      return (
        next &&
        l.sku === next.sku &&
        l.quantity === next.quantity &&
        l.unitPrice === next.unitPrice &&
        l.name === next.name
      );
    })
  );
}

export type SaveSaleInput = {
  conversationId: number;
  orderId: number | null;
  snapshot: SaleSnapshot | null;
  channel: string;
};

/**
 * Writes the sale after a turn (inside the turn's transaction). Creates the order when the first product
 * lands in the cart, mirrors lines/customer/state while open, and marks it cancelled when the customer
 * cancels. Closing is closeOrder's job (lib/db/orders.ts). Returns the order id, if any.
 */
export async function saveConversationSale(tx: DbTransaction, input: SaveSaleInput): Promise<number | null> {
  return (await saveConversationSaleAndSummarize(tx, input)).orderId;
}

/**
 * saveConversationSale, also returning the order as the answer shows it. When the turn changed nothing in the
 * cart (most turns) that summary comes from the row already read, saving the read-back.
 */
export async function saveConversationSaleAndSummarize(
  tx: DbTransaction,
  input: SaveSaleInput,
): Promise<{ orderId: number | null; summary?: OrderSummary | null }> {
  let known: OrderSummary | undefined;
  const orderId = await writeSale(tx, input, (order) => {
    known = summarize(order);
  });
  return known && orderId !== null && known.id === String(orderId) ? { orderId, summary: known } : { orderId };
}

/**
 * What a turn's sale needs before any price is read: nothing written (`settled`, with the order id the turn
 * stands on), the open order cancelled, or the lines priced and compared (`price`, reusing the open order if any).
 */
export type SaleStep =
  | { kind: "settled"; orderId: number | null }
  | { kind: "cancel"; reuse: OrderRow }
  | { kind: "price"; reuse: OrderRow | null };

export function firstSaleStep(snapshot: SaleSnapshot, previous: OrderRow | null): SaleStep {
  const reuse = previous && isOpen(previous.state) ? previous : null;
  if (snapshot.state === "cerrada") return { kind: "settled", orderId: previous?.id ?? null };
  if (snapshot.state === "cancelada") {
    return reuse ? { kind: "cancel", reuse } : { kind: "settled", orderId: previous?.id ?? null };
  }
  if (!reuse && snapshot.lines.length === 0) return { kind: "settled", orderId: previous?.id ?? null };
  return { kind: "price", reuse };
}

/** The order columns a snapshot sets (beside its lines). */
export function saleColumns(snapshot: SaleSnapshot, total: number) {
  return { state: snapshot.state, total, ...customerColumns(snapshot.customer) };
}

async function writeSale(
  tx: DbTransaction,
  input: SaveSaleInput,
  onUnchanged: (order: OrderRow) => void,
): Promise<number | null> {
  const { snapshot } = input;
  if (!snapshot) return input.orderId;
  const previous = input.orderId
    ? await tx.order.findUnique({ where: { id: input.orderId }, include: { lines: { orderBy: { id: "asc" } } } })
    : null;
  const step = firstSaleStep(snapshot, previous);
  if (step.kind === "settled") return step.orderId;
  if (step.kind === "cancel") {
    const { reuse } = step;
    await tx.order.update({
      where: { id: reuse.id },
      data: { state: "cancelada", cancelledAt: new Date(), cancelReason: "Cancelado por el cliente en el chat" },
    });
    await tx.orderStateChange.create({
      data: { orderId: reuse.id, fromState: reuse.state, toState: "cancelada", actorType: "bot" },
    });
    return reuse.id;
  }
  const { reuse } = step;
  const lines = await pricedLines(tx, snapshot.lines);
  const data = saleColumns(
    snapshot,
    lines.reduce((sum, l) => sum + l.subtotal, 0),
  );
  if (reuse && unchanged(reuse, data, lines)) {
    onUnchanged(reuse); // most turns: a question, no change to the cart
    return reuse.id;
  }
  if (reuse) {
    await tx.orderLine.deleteMany({ where: { orderId: reuse.id } });
    await tx.order.update({ where: { id: reuse.id }, data: { ...data, lines: { create: lines } } });
    if (reuse.state !== snapshot.state) {
      await tx.orderStateChange.create({
        data: { orderId: reuse.id, fromState: reuse.state, toState: snapshot.state, actorType: "bot" },
      });
    }
    return reuse.id;
  }
  const created = await tx.order.create({
    data: {
      ...data,
      number: `tmp-${crypto.randomUUID()}`,
      conversationId: input.conversationId,
      channel: input.channel,
      lines: { create: lines },
      history: { create: { fromState: null, toState: snapshot.state, actorType: "bot" } },
    },
  });
  await tx.order.update({ where: { id: created.id }, data: { number: orderNumberFor(created.id) } });
  return created.id;
}

/** The order as the legacy API shows it (`metadatos.pedido`). */
export async function getOrderSummary(orderId: number, client: DbTransaction = db()): Promise<OrderSummary | null> {
  const order = await client.order.findUnique({
    where: { id: orderId },
    include: { lines: { orderBy: { id: "asc" } } },
  });
  return order ? summarize(order) : null;
}

export function summarize(order: OrderRow): OrderSummary {
  return {
    id: String(order.id),
    numero: order.number,
    estado: order.state,
    items: order.lines.map((l) => ({
      sku: l.sku,
      nombre: l.name,
      cantidad: l.quantity,
      precio_unitario: l.unitPrice,
      subtotal: l.subtotal,
    })),
    total: order.total,
    cliente: {
      nombre: order.customerName,
      cedula: order.customerDocument,
      telefono: order.customerPhone,
      direccion: [order.customerAddress, order.customerCity].filter(Boolean).join(", ") || null,
    },
  };
}
