import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";

// The previous system kept one `ventas` row per sold product; its /venta/ endpoints list those rows. Here a
// sale is an order and its rows are the order's lines, so these read lines. A line counts as a sale once its
// order was closed (closedAt set: `cerrada`, or cancelled after closing); an open cart is not a sale.
const saleLineInclude = {
  product: { select: { legacyId: true } },
  order: {
    select: {
      id: true,
      number: true,
      state: true,
      closedAt: true,
      createdAt: true,
      customerName: true,
      customerDocument: true,
      customerPhone: true,
      customerEmail: true,
      customerAddress: true,
      conversation: { select: { chatId: true } },
    },
  },
} as const satisfies Prisma.OrderLineInclude;

export type SaleLine = Prisma.OrderLineGetPayload<{ include: typeof saleLineInclude }>;

const SOLD: Prisma.OrderWhereInput = { closedAt: { not: null } };
// newest sale first; the lines of one sale in the order they were written
const NEWEST_FIRST: Prisma.OrderLineOrderByWithRelationInput[] = [
  { order: { closedAt: "desc" } },
  { orderId: "desc" },
  { id: "asc" },
];

export async function listSaleLines(f: { limit: number; offset: number; chatId?: string }) {
  const where: Prisma.OrderLineWhereInput = {
    order: f.chatId ? { ...SOLD, conversation: { chatId: f.chatId } } : SOLD,
  };
  const [rows, total] = await Promise.all([
    db().orderLine.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: f.offset,
      take: f.limit,
      include: saleLineInclude,
    }),
    db().orderLine.count({ where }),
  ]);
  return { rows, total };
}

export function getSaleLine(id: number) {
  return db().orderLine.findFirst({ where: { id, order: SOLD }, include: saleLineInclude });
}
