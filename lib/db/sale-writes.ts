import { asModel, type Row } from "@/lib/db/driver";
import {
  firstSaleStep,
  type OrderRow,
  type OrderSummary,
  priceLines,
  type SaveSaleInput,
  saleColumns,
  summarize,
  unchanged,
} from "@/lib/db/open-orders";
import { orderNumberFor } from "@/lib/db/orders";
import type { Order, OrderLine } from "@/lib/generated/sqlite/client";

// The turn's sale written on the driver: the same decisions as writeSale in lib/db/open-orders.ts (its own
// `firstSaleStep`, `priceLines`, `unchanged`), the same rows, without Prisma's per-call cost. Written as a
// generator of statements so one body serves both engines: SQLite runs it synchronously inside one
// transaction, PostgreSQL awaits each statement on one pool client inside one transaction.

/** One statement with $1…$n placeholders; the generator receives its rows (none for a plain write). */
export type Step = { sql: string; params: unknown[] };
export type Steps<T> = Generator<Step, T, Row[]>;
export type SaleResult = { orderId: number | null; order: OrderSummary | null };
export type TurnSale = Omit<SaveSaleInput, "conversationId"> | null;

const ORDER_DATES = {
  dates: ["closedAt", "cancelledAt", "paidAt", "dispatchedAt", "deliveredAt", "createdAt", "updatedAt"],
} as const;
// saleColumns' keys, in a fixed order for the statements' text
const SALE_COLUMNS = [
  "state",
  "total",
  "customerName",
  "customerDocumentType",
  "customerDocument",
  "customerPhone",
  "customerAddress",
  "customerCity",
  "customerEmail",
] as const;
const LINE_COLUMNS = ["orderId", "productId", "sku", "name", "quantity", "unitPrice", "subtotal"] as const;
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");
const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(", ");

const SQL = {
  order: `SELECT * FROM "Order" WHERE "id" = $1`,
  lines: `SELECT * FROM "OrderLine" WHERE "orderId" = $1 ORDER BY "id" ASC`,
  cancel: `UPDATE "Order" SET "state" = 'cancelada', "cancelledAt" = $2, "cancelReason" = $3, "updatedAt" = $2
    WHERE "id" = $1 RETURNING *`,
  stateChange: `INSERT INTO "OrderStateChange" ("orderId", "fromState", "toState", "actorType", "createdAt")
    VALUES ($1, $2, $3, 'bot', $4)`,
  deleteLines: `DELETE FROM "OrderLine" WHERE "orderId" = $1`,
  update: `UPDATE "Order" SET ${SALE_COLUMNS.map((c, i) => `"${c}" = $${i + 2}`).join(", ")}, "updatedAt" = $${SALE_COLUMNS.length + 2}
    WHERE "id" = $1 RETURNING *`,
  create: `INSERT INTO "Order" ("number", "conversationId", "channel", ${quoted(SALE_COLUMNS)}, "createdAt", "updatedAt")
    VALUES ($1, $2, $3, ${placeholders(4, SALE_COLUMNS.length)}, $${SALE_COLUMNS.length + 4}, $${SALE_COLUMNS.length + 4})
    RETURNING "id"`,
  number: `UPDATE "Order" SET "number" = $2, "updatedAt" = $3 WHERE "id" = $1 RETURNING *`,
};
const productsSql = (n: number) =>
  `SELECT "id", "sku", "name", "price" FROM "Product" WHERE "sku" IN (${placeholders(1, n)})`;
const insertLinesSql = (n: number) =>
  `INSERT INTO "OrderLine" (${quoted(LINE_COLUMNS)}) VALUES ${Array.from(
    { length: n },
    (_, i) => `(${placeholders(i * LINE_COLUMNS.length + 1, LINE_COLUMNS.length)})`,
  ).join(", ")} RETURNING *`;

const step = (sql: string, params: unknown[] = []): Step => ({ sql, params });
type Product = { id: number; sku: string; name: string; price: number };
type PricedLine = ReturnType<typeof priceLines>[number];

const orderOf = (order: Row, lines: Row[]): OrderRow => ({
  ...asModel<Order>(order, ORDER_DATES),
  lines: (lines as OrderLine[]).slice().sort((a, b) => a.id - b.id),
});

function* insertLines(orderId: number, lines: readonly PricedLine[]): Steps<Row[]> {
  if (lines.length === 0) return [];
  const params = lines.flatMap((l) => [orderId, l.productId, l.sku, l.name, l.quantity, l.unitPrice, l.subtotal]);
  return yield step(insertLinesSql(lines.length), params);
}

/**
 * The sale after a turn, as writeSale + getOrderSummary leave it: creates the order when the first product
 * lands in the cart, rewrites its lines/customer/state while open (the lines deleted and re-inserted in the
 * cart's order, so their ids keep the cart's order as on the Prisma path), cancels it, or writes nothing.
 */
export function* saleSteps(conversationId: number, sale: TurnSale, now: Date): Steps<SaleResult> {
  if (!sale) return { orderId: null, order: null };
  let previous: OrderRow | null = null;
  if (sale.orderId) {
    const [row] = yield step(SQL.order, [sale.orderId]);
    const lines = yield step(SQL.lines, [sale.orderId]);
    previous = row ? orderOf(row, lines) : null;
  }
  const { snapshot } = sale;
  if (!snapshot) return { orderId: sale.orderId, order: previous ? summarize(previous) : null };
  const first = firstSaleStep(snapshot, previous);
  if (first.kind === "settled") {
    return { orderId: first.orderId, order: first.orderId && previous ? summarize(previous) : null };
  }
  if (first.kind === "cancel") {
    const { reuse } = first;
    const [row] = yield step(SQL.cancel, [reuse.id, now, "Cancelado por el cliente en el chat"]);
    yield step(SQL.stateChange, [reuse.id, reuse.state, "cancelada", now]);
    return { orderId: reuse.id, order: summarize(orderOf(row as Row, reuse.lines)) };
  }
  const { reuse } = first;
  const skus = snapshot.lines.map((l) => l.sku);
  const products = skus.length ? ((yield step(productsSql(skus.length), skus)) as Product[]) : [];
  const lines = priceLines(snapshot.lines, products);
  const data = saleColumns(
    snapshot,
    lines.reduce((sum, l) => sum + l.subtotal, 0),
  );
  if (reuse && unchanged(reuse, data, lines)) return { orderId: reuse.id, order: summarize(reuse) };
  const values = SALE_COLUMNS.map((c) => data[c]);
  if (reuse) {
    yield step(SQL.deleteLines, [reuse.id]);
    const [row] = yield step(SQL.update, [reuse.id, ...values, now]);
    const inserted = yield* insertLines(reuse.id, lines);
    if (reuse.state !== snapshot.state) yield step(SQL.stateChange, [reuse.id, reuse.state, snapshot.state, now]);
    return { orderId: reuse.id, order: summarize(orderOf(row as Row, inserted)) };
  }
  const [created] = yield step(SQL.create, [
    `tmp-${crypto.randomUUID()}`,
    conversationId,
    sale.channel,
    ...values,
    now,
  ]);
  const id = Number((created as Row).id);
  const [row] = yield step(SQL.number, [id, orderNumberFor(id), now]);
  const inserted = yield* insertLines(id, lines);
  yield step(SQL.stateChange, [id, null, snapshot.state, now]);
  return { orderId: id, order: summarize(orderOf(row as Row, inserted)) };
}
