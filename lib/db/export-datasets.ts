import type { Db } from "@/lib/db/client";
import { exportRows } from "@/lib/db/export-reader";
import { at, epochMs, ts } from "@/lib/db/raw-sql";
import { OPEN_ORDER_STATES } from "@/lib/domain/order-words";

// Keyset-paginated reads for exports: each batch continues after the last id, so memory and query time
// stay flat however many rows there are. The two large datasets (sale lines, messages) are read by raw SQL on
// the driver (lib/db/export-reader.ts) selecting only their columns, timestamps as epoch milliseconds:
// Prisma's `include` built an object graph and a Date per timestamp for every row, most of a 1 M-row export.
export type ExportFilters = {
  from?: Date;
  to?: Date;
  state?: string;
  /** Sales: also lines of open carts (states before `cerrada`); asking for one such state includes them too. */
  includeOpen?: boolean;
};

// Prisma's client is loaded on first use: an export worker thread reading sale lines or messages (raw reads on
// the driver) never needs it, and loading it was ~0.45 s of each worker's start.
let client: typeof import("@/lib/db/client") | undefined;
async function prisma(): Promise<Db> {
  client ??= await import("@/lib/db/client");
  return client.db();
}

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

export async function countProductsForExport(f: ExportFilters) {
  return (await prisma()).product.count({ where: productWhere(f) });
}

export async function productsAfter(f: ExportFilters, afterId: number, take: number) {
  return (await prisma()).product.findMany({
    where: { ...productWhere(f), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
  });
}

const clientWhere = (f: ExportFilters) => (range(f) ? { lastPurchaseAt: range(f) } : {});

export async function countClientsForExport(f: ExportFilters) {
  return (await prisma()).client.count({ where: clientWhere(f) });
}

export async function clientsAfter(f: ExportFilters, afterId: number, take: number) {
  return (await prisma()).client.findMany({
    where: { ...clientWhere(f), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
  });
}

const excludesOpen = (f: ExportFilters) => !f.includeOpen && !f.state;

const orderWhere = (f: ExportFilters) => ({
  ...(range(f) ? { createdAt: range(f) } : {}),
  ...(f.state ? { state: f.state } : excludesOpen(f) ? { state: { notIn: [...OPEN_ORDER_STATES] } } : {}),
});

export async function countSaleLinesForExport(f: ExportFilters) {
  return (await prisma()).orderLine.count({ where: { order: orderWhere(f) } });
}

/** `AND …` conditions on `o` ("Order") for the raw reads, and their parameters from `$first` on. */
function orderConditions(f: ExportFilters, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (f.from) parts.push(`o."createdAt" >= ${next(at(f.from))}${ts()}`);
  if (f.to) parts.push(`o."createdAt" < ${next(at(f.to))}${ts()}`);
  if (f.state) parts.push(`o."state" = ${next(f.state)}`);
  else if (excludesOpen(f)) parts.push(`o."state" NOT IN (${OPEN_ORDER_STATES.map((s) => `'${s}'`).join(", ")})`);
  return { sql: parts.map((p) => ` AND ${p}`).join(""), params };
}

/** One export row of a sale line, in the dataset's column order; timestamps in epoch ms. */
export type SaleLineExportRow = [
  linea_id: number,
  pedido: string,
  estado: string,
  canal: string,
  chat_id: string | null,
  fecha: number,
  cerrado: number | null,
  cliente_documento: string | null,
  cliente_nombre: string | null,
  cliente_telefono: string | null,
  ciudad: string | null,
  sku: string,
  producto: string,
  cantidad: number,
  precio_unitario: number,
  subtotal: number,
  total_pedido: number,
];

/**
 * The sale-lines SELECT: lines after `$1`, at most `$2`, up to id `$3` when `ranged`; the filters follow. A range
 * keeps the LIMIT: without one, PostgreSQL planned a hash join over every order for each range (170 ms, not 16).
 */
function saleLinesSql(f: ExportFilters, ranged: boolean) {
  const where = orderConditions(f, ranged ? 4 : 3);
  const idCondition = ranged ? `l."id" > $1 AND l."id" <= $3` : `l."id" > $1`;
  return {
    sql: `SELECT l."id" AS linea_id, o."number" AS pedido, o."state" AS estado, o."channel" AS canal,
            cv."chatId" AS chat_id, ${epochMs('o."createdAt"')} AS fecha, ${epochMs('o."closedAt"')} AS cerrado,
            COALESCE(o."customerDocument", c."documentNumber") AS cliente_documento,
            COALESCE(o."customerName", c."name") AS cliente_nombre,
            COALESCE(o."customerPhone", c."phone") AS cliente_telefono,
            COALESCE(o."customerCity", c."city") AS ciudad,
            l."sku" AS sku, l."name" AS producto, l."quantity" AS cantidad, l."unitPrice" AS precio_unitario,
            l."subtotal" AS subtotal, o."total" AS total_pedido
     FROM "OrderLine" l
     JOIN "Order" o ON o."id" = l."orderId"
     LEFT JOIN "Client" c ON c."id" = o."clientId"
     LEFT JOIN "Conversation" cv ON cv."id" = o."conversationId"
     WHERE ${idCondition}${where.sql}
     ORDER BY l."id" LIMIT $2`,
    params: where.params,
  };
}

/** Up to `take` sale lines after `afterId` (keyset). */
export function saleLinesAfter(f: ExportFilters, afterId: number, take: number) {
  const q = saleLinesSql(f, false);
  return exportRows<SaleLineExportRow>(q.sql, [afterId, take, ...q.params]);
}

/** The sale lines with `afterId < id ≤ upToId` (an id range: ranges can be asked for ahead, in parallel). */
export function saleLinesBetween(f: ExportFilters, afterId: number, upToId: number) {
  const q = saleLinesSql(f, true);
  return exportRows<SaleLineExportRow>(q.sql, [afterId, upToId - afterId, upToId, ...q.params]);
}

/** The range of sale-line ids (unfiltered: the ranges' bounds), or null when there are none. */
export async function saleLineIdSpan(): Promise<{ min: number; max: number } | null> {
  return idSpan(`SELECT MIN("id"), MAX("id") FROM "OrderLine"`);
}

async function idSpan(sql: string): Promise<{ min: number; max: number } | null> {
  const [row] = await exportRows<[number | string | null, number | string | null]>(sql, []);
  return row?.[0] == null || row[1] == null ? null : { min: Number(row[0]), max: Number(row[1]) };
}

const messageWhere = (f: ExportFilters) => ({
  ...(range(f) ? { createdAt: range(f) } : {}),
  ...(f.state ? { saleState: f.state } : {}),
});

export async function countMessagesForExport(f: ExportFilters) {
  return (await prisma()).message.count({ where: messageWhere(f) });
}

/** One export row of a message, in the dataset's column order; timestamps in epoch ms. */
export type MessageExportRow = [
  mensaje_id: number,
  chat_id: string,
  canal: string,
  fecha: number,
  rol: string,
  texto: string,
  intencion: string | null,
  estado_venta: string | null,
  modelo: string | null,
  tiempo_total_ms: number | null,
  tiempo_modelo_ms: number | null,
  tiempo_busqueda_ms: number | null,
];

/** The messages SELECT, as `saleLinesSql`: after `$1`, at most `$2`, up to `$3` when `ranged`; then the filters. */
function messagesSql(f: ExportFilters, ranged: boolean) {
  const params: unknown[] = [];
  const first = ranged ? 4 : 3;
  const next = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const idCondition = ranged ? `m."id" > $1 AND m."id" <= $3` : `m."id" > $1`;
  const conditions = [
    f.from ? ` AND m."createdAt" >= ${next(at(f.from))}${ts()}` : "",
    f.to ? ` AND m."createdAt" < ${next(at(f.to))}${ts()}` : "",
    f.state ? ` AND m."saleState" = ${next(f.state)}` : "",
  ].join("");
  return {
    sql: `SELECT m."id" AS mensaje_id, cv."chatId" AS chat_id, cv."channel" AS canal, ${epochMs('m."createdAt"')} AS fecha,
            m."role" AS rol, m."text" AS texto, m."intent" AS intencion, m."saleState" AS estado_venta,
            m."model" AS modelo, m."totalMs" AS tiempo_total_ms, m."modelMs" AS tiempo_modelo_ms,
            m."retrievalMs" AS tiempo_busqueda_ms
     FROM "Message" m JOIN "Conversation" cv ON cv."id" = m."conversationId"
     WHERE ${idCondition}${conditions}
     ORDER BY m."id" LIMIT $2`,
    params,
  };
}

/** Up to `take` messages after `afterId` (keyset). */
export function messagesAfter(f: ExportFilters, afterId: number, take: number) {
  const q = messagesSql(f, false);
  return exportRows<MessageExportRow>(q.sql, [afterId, take, ...q.params]);
}

/** The messages with `afterId < id ≤ upToId`. */
export function messagesBetween(f: ExportFilters, afterId: number, upToId: number) {
  const q = messagesSql(f, true);
  return exportRows<MessageExportRow>(q.sql, [afterId, upToId - afterId, upToId, ...q.params]);
}

/** The range of message ids, or null when there are none. */
export function messageIdSpan(): Promise<{ min: number; max: number } | null> {
  return idSpan(`SELECT MIN("id"), MAX("id") FROM "Message"`);
}

/** Figures for the first sheet of the complete report. */
export async function exportSummary(f: ExportFilters) {
  const orders = orderWhere(f);
  const db = await prisma();
  const [closed, closedTotal, cancelled, open, conversations, messages, clients, products, lowStock] =
    await Promise.all([
      db.order.count({ where: { ...orders, state: "cerrada" } }),
      db.order.aggregate({ where: { ...orders, state: "cerrada" }, _sum: { total: true } }),
      db.order.count({ where: { ...orders, state: "cancelada" } }),
      db.order.count({ where: { ...orders, state: { notIn: ["cerrada", "cancelada"] } } }),
      db.conversation.count({ where: range(f) ? { createdAt: range(f) } : {} }),
      db.message.count({ where: range(f) ? { createdAt: range(f) } : {} }),
      db.client.count(),
      db.product.count({ where: { active: true } }),
      db.product.count({ where: { active: true, stock: { lte: 5 } } }),
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
