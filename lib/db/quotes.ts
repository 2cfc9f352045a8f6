import { db } from "@/lib/db/client";
import { OPEN_ORDER_STATES } from "@/lib/db/orders";

// What a formal quote is made of (the conversation's current cart, or one order) and the quotes themselves.
export type QuoteLine = {
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
  skuInternal: boolean;
};

export type QuoteCustomer = {
  name: string | null;
  documentType: string | null;
  document: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
};

export type QuoteSource = {
  orderId: number;
  conversationId: number | null;
  lines: QuoteLine[];
  total: number;
  customer: QuoteCustomer;
};

const isOpen = (state: string) => (OPEN_ORDER_STATES as readonly string[]).includes(state);

async function sourceOf(order: Awaited<ReturnType<typeof loadOrder>>): Promise<QuoteSource | null> {
  if (!order) return null;
  const products = await db().product.findMany({
    where: { sku: { in: order.lines.map((l) => l.sku) } },
    select: { sku: true, price: true, unit: true, active: true, skuInternal: true },
  });
  const open = isOpen(order.state);
  const lines = order.lines.flatMap((line): QuoteLine[] => {
    const product = products.find((p) => p.sku === line.sku);
    // an open cart is quoted at today's prices; a closed order keeps the prices it was sold at
    if (open && !product?.active) return [];
    const unitPrice = open && product ? product.price : line.unitPrice;
    return [
      {
        sku: line.sku,
        name: line.name,
        unit: product?.unit ?? "unidad",
        quantity: line.quantity,
        unitPrice,
        subtotal: unitPrice * line.quantity,
        skuInternal: product?.skuInternal ?? false,
      },
    ];
  });
  return {
    orderId: order.id,
    conversationId: order.conversationId,
    lines,
    total: lines.reduce((sum, l) => sum + l.subtotal, 0),
    customer: {
      name: order.customerName,
      documentType: order.customerDocumentType,
      document: order.customerDocument,
      phone: order.customerPhone,
      email: order.customerEmail,
      address: order.customerAddress,
      city: order.customerCity,
    },
  };
}

function loadOrder(where: { id: number } | { conversationId: number }) {
  return db().order.findFirst({
    where: { ...where, state: { not: "cancelada" } },
    orderBy: { id: "desc" },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

/** The conversation's current cart (its newest order that is not cancelled). */
export async function loadConversationQuoteSource(conversationId: number) {
  return sourceOf(await loadOrder({ conversationId }));
}

export async function loadOrderQuoteSource(orderId: number) {
  return sourceOf(await loadOrder({ id: orderId }));
}

export async function findConversationIdByChatId(chatId: string): Promise<number | null> {
  const row = await db().conversation.findUnique({ where: { chatId }, select: { id: true } });
  return row?.id ?? null;
}

export type NewQuote = {
  source: QuoteSource;
  fingerprint: string;
  storageKey: string;
  validUntil: Date;
  createdById: number | null;
};

export const quoteNumberFor = (id: number) => `COT-${String(id).padStart(6, "0")}`;

/** Stores the quote and gives it its number (from its id, like orders). */
export async function insertQuote(input: NewQuote) {
  return db().$transaction(async (tx) => {
    const { source } = input;
    const created = await tx.quote.create({
      data: {
        number: `tmp-${crypto.randomUUID()}`,
        conversationId: source.conversationId,
        orderId: source.orderId,
        customerName: source.customer.name,
        customerDocumentType: source.customer.documentType,
        customerDocument: source.customer.document,
        customerPhone: source.customer.phone,
        customerEmail: source.customer.email,
        customerAddress: source.customer.address,
        customerCity: source.customer.city,
        lines: JSON.stringify(source.lines),
        total: source.total,
        fingerprint: input.fingerprint,
        storageKey: input.storageKey,
        validUntil: input.validUntil,
        createdById: input.createdById,
      },
    });
    return tx.quote.update({ where: { id: created.id }, data: { number: quoteNumberFor(created.id) } });
  });
}

/** The newest quote of this cart with the same contents that is still valid at `after` (asked twice → one quote). */
export function findReusableQuote(orderId: number, fingerprint: string, after: Date) {
  return db().quote.findFirst({
    where: { orderId, fingerprint, validUntil: { gt: after } },
    orderBy: { id: "desc" },
  });
}

export function findLatestQuoteOfConversation(conversationId: number) {
  return db().quote.findFirst({
    where: { conversationId },
    orderBy: { id: "desc" },
    select: { number: true, validUntil: true, orderId: true, fingerprint: true },
  });
}
