import { db } from "@/lib/db/client";

// Keyset-paginated reads for exports: each batch continues after the last id, so memory and query time
// stay flat however many rows there are.
export type ExportFilters = { from?: Date; to?: Date; state?: string };

const range = (f: ExportFilters) =>
  f.from || f.to ? { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } : undefined;

function productWhere(f: ExportFilters) {
  const state =
    f.state === "activo"
      ? { active: true }
      : f.state === "inactivo"
        ? { active: false }
        : f.state === "agotado"
          ? { stock: { lte: 0 } }
          : {};
  return { ...state, ...(range(f) ? { updatedAt: range(f) } : {}) };
}

export function countProductsForExport(f: ExportFilters) {
  return db().product.count({ where: productWhere(f) });
}

export function productsAfter(f: ExportFilters, afterId: number, take: number) {
  return db().product.findMany({ where: { ...productWhere(f), id: { gt: afterId } }, orderBy: { id: "asc" }, take });
}

const clientWhere = (f: ExportFilters) => (range(f) ? { lastPurchaseAt: range(f) } : {});

export function countClientsForExport(f: ExportFilters) {
  return db().client.count({ where: clientWhere(f) });
}

export function clientsAfter(f: ExportFilters, afterId: number, take: number) {
  return db().client.findMany({ where: { ...clientWhere(f), id: { gt: afterId } }, orderBy: { id: "asc" }, take });
}

const orderWhere = (f: ExportFilters) => ({
  ...(range(f) ? { createdAt: range(f) } : {}),
  ...(f.state ? { state: f.state } : {}),
});

export function countSaleLinesForExport(f: ExportFilters) {
  return db().orderLine.count({ where: { order: orderWhere(f) } });
}

export function saleLinesAfter(f: ExportFilters, afterId: number, take: number) {
  return db().orderLine.findMany({
    where: { order: orderWhere(f), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    include: {
      order: {
        include: {
          conversation: { select: { chatId: true } },
          client: { select: { documentType: true, documentNumber: true, name: true, phone: true, city: true } },
        },
      },
    },
  });
}

const messageWhere = (f: ExportFilters) => ({
  ...(range(f) ? { createdAt: range(f) } : {}),
  ...(f.state ? { saleState: f.state } : {}),
});

export function countMessagesForExport(f: ExportFilters) {
  return db().message.count({ where: messageWhere(f) });
}

export function messagesAfter(f: ExportFilters, afterId: number, take: number) {
  return db().message.findMany({
    where: { ...messageWhere(f), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    include: { conversation: { select: { chatId: true, channel: true } } },
  });
}

/** Figures for the first sheet of the complete report. */
export async function exportSummary(f: ExportFilters) {
  const orders = orderWhere(f);
  const [closed, closedTotal, cancelled, open, conversations, messages, clients, products, lowStock] =
    await Promise.all([
      db().order.count({ where: { ...orders, state: "cerrada" } }),
      db().order.aggregate({ where: { ...orders, state: "cerrada" }, _sum: { total: true } }),
      db().order.count({ where: { ...orders, state: "cancelada" } }),
      db().order.count({ where: { ...orders, state: { notIn: ["cerrada", "cancelada"] } } }),
      db().conversation.count({ where: range(f) ? { createdAt: range(f) } : {} }),
      db().message.count({ where: range(f) ? { createdAt: range(f) } : {} }),
      db().client.count(),
      db().product.count({ where: { active: true } }),
      db().product.count({ where: { active: true, stock: { lte: 5 } } }),
    ]);
  return {
    closedOrders: closed,
    revenue: closedTotal._sum.total ?? 0,
    cancelledOrders: cancelled,
    openOrders: open,
    conversations,
    messages,
    clients,
    activeProducts: products,
    lowStockProducts: lowStock,
  };
}
