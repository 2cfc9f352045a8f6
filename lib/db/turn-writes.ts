import type pg from "pg";
import { type Db, db, hotStatements } from "@/lib/db/client";
import { asModel, type Row, type Statements } from "@/lib/db/driver";
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
import type { Message, Order, OrderLine } from "@/lib/generated/sqlite/client";

// The common turn's write on the driver (lib/db/driver.ts): the sale is unchanged or absent (a question, a
// greeting, a product search — most turns), so the turn writes its two messages and the conversation's summary
// columns, in one transaction, without Prisma's per-call cost. Any turn that must write the order (a cart
// change, a cancellation, a new order) or flag the conversation for a person declines here — after reading,
// before writing — and takes the Prisma path (lib/db/conversations.ts), which has every case.

export type TurnMessage = {
  role: "customer" | "assistant";
  text: string;
  intent?: string | null;
  saleState?: string | null;
  metadata?: Record<string, unknown>;
  model?: string | null;
  totalMs?: number | null;
  modelMs?: number | null;
  retrievalMs?: number | null;
  confidence?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
};

export type FastTurnInput = {
  conversationId: number;
  customer: TurnMessage;
  assistant: (order: OrderSummary | null) => TurnMessage;
  sale: Omit<SaveSaleInput, "conversationId"> | null;
};

export type FastTurnResult = { messages: Message[]; orderId: number | null; order: OrderSummary | null };

const ORDER_DATES = {
  dates: ["closedAt", "cancelledAt", "paidAt", "dispatchedAt", "deliveredAt", "createdAt", "updatedAt"],
} as const;
const SQL = {
  order: `SELECT * FROM "Order" WHERE "id" = $1`,
  lines: `SELECT * FROM "OrderLine" WHERE "orderId" = $1 ORDER BY "id" ASC`,
  messages: `INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "model", "totalMs", "modelMs", "retrievalMs", "confidence", "inputTokens", "outputTokens", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14), ($1, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $14)
    RETURNING *`,
  conversation: `UPDATE "Conversation" SET "lastMessageAt" = $2, "updatedAt" = $2, "lastMessagePreview" = $3,
    "messageCount" = "messageCount" + 2, "lastIntent" = COALESCE($4, "lastIntent"),
    "saleState" = CASE WHEN $5 = 1 THEN $6 ELSE "saleState" END WHERE "id" = $1`,
};
const productsSql = (n: number) =>
  `SELECT "id", "sku", "name", "price" FROM "Product" WHERE "sku" IN (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ")})`;

type Product = { id: number; sku: string; name: string; price: number };
type SaleRead = { previous: OrderRow | null; products: Product[] };

const previousOrder = (order: Row | undefined, lines: Row[]): OrderRow | null =>
  order ? { ...asModel<Order>(order, ORDER_DATES), lines: lines as OrderLine[] } : null;
const skusOf = (sale: FastTurnInput["sale"]) => sale?.snapshot?.lines.map((l) => l.sku) ?? [];

/** The rows a decision needs: the order the turn stands on (with lines) and the cart's products. SQLite: sync. */
function readSaleSync(sale: FastTurnInput["sale"], hot: Statements): SaleRead {
  if (!sale?.orderId) return { previous: null, products: [] };
  const previous = previousOrder(hot.allSync(SQL.order, [sale.orderId])[0], hot.allSync(SQL.lines, [sale.orderId]));
  const skus = skusOf(sale);
  return { previous, products: skus.length ? (hot.allSync(productsSql(skus.length), skus) as Product[]) : [] };
}

async function readSale(sale: FastTurnInput["sale"], hot: Statements, client: pg.PoolClient): Promise<SaleRead> {
  if (!sale?.orderId) return { previous: null, products: [] };
  const [order] = await hot.all(SQL.order, [sale.orderId], client);
  const previous = previousOrder(order, await hot.all(SQL.lines, [sale.orderId], client));
  const skus = skusOf(sale);
  return {
    previous,
    products: skus.length ? ((await hot.all(productsSql(skus.length), skus, client)) as Product[]) : [],
  };
}

/** The order id and summary when the sale needs no write; undefined when it does (the Prisma path then). */
function settle(
  sale: FastTurnInput["sale"],
  read: SaleRead,
): { orderId: number | null; order: OrderSummary | null } | undefined {
  if (!sale) return { orderId: null, order: null };
  const { previous, products } = read;
  if (!sale.snapshot) return { orderId: previous?.id ?? null, order: previous ? summarize(previous) : null };
  if (!sale.orderId) return undefined; // a first product in the cart creates the order
  const step = firstSaleStep(sale.snapshot, previous);
  if (step.kind === "cancel") return undefined;
  if (step.kind === "settled") {
    return { orderId: step.orderId, order: step.orderId && previous ? summarize(previous) : null };
  }
  const lines = priceLines(sale.snapshot.lines, products);
  const data = saleColumns(
    sale.snapshot,
    lines.reduce((sum, l) => sum + l.subtotal, 0),
  );
  if (!step.reuse || !unchanged(step.reuse, data, lines)) return undefined;
  return { orderId: step.reuse.id, order: summarize(step.reuse) };
}

function messageParams(input: FastTurnInput, assistant: TurnMessage, now: Date): unknown[] {
  const columns = (m: TurnMessage) => [
    m.role,
    m.text,
    m.intent ?? null,
    m.saleState ?? null,
    JSON.stringify(m.metadata ?? {}),
    m.model ?? null,
    m.totalMs ?? null,
    m.modelMs ?? null,
    m.retrievalMs ?? null,
    m.confidence ?? null,
    m.inputTokens ?? null,
    m.outputTokens ?? null,
  ];
  const [first, ...rest] = columns(input.customer);
  return [input.conversationId, first, ...rest, now, ...columns(assistant)];
}

function conversationParams(input: FastTurnInput, assistant: TurnMessage, now: Date): unknown[] {
  const lastIntent = assistant.intent || input.customer.intent || null;
  const saleState = assistant.saleState !== undefined ? assistant.saleState : input.customer.saleState;
  return [
    input.conversationId,
    now,
    assistant.text.slice(0, 140),
    lastIntent,
    saleState !== undefined ? 1 : 0,
    saleState ?? null,
  ];
}

const messagesOf = (rows: Row[]) =>
  rows.map((r) => asModel<Message>(r, { dates: ["createdAt"] })).sort((a, b) => a.id - b.id);

/**
 * The turn written on the driver, or null when it must take the Prisma path (nothing was written then).
 * SQLite: one synchronous block under the adapter's transaction lock, so nothing else runs on the connection
 * meanwhile. PostgreSQL: a transaction on a client of the same pool.
 */
export async function recordTurnOnDriver(input: FastTurnInput, client: Db = db()): Promise<FastTurnResult | null> {
  const hot = await hotStatements(client);
  return hot.connection.flavour === "sqlite" ? onSqlite(hot, input) : onPostgres(hot, input);
}

async function onSqlite(hot: Statements, input: FastTurnInput): Promise<FastTurnResult | null> {
  if (hot.connection.flavour !== "sqlite") return null;
  const tx = await hot.connection.adapter.startTransaction(); // BEGIN, and Prisma's lock on the connection
  let committed = false;
  try {
    // from here to COMMIT nothing awaits: no other query can run on the connection inside this transaction
    const settled = settle(input.sale, readSaleSync(input.sale, hot));
    if (!settled) return null;
    const assistant = input.assistant(settled.order);
    const now = new Date();
    const rows = hot.allSync(SQL.messages, messageParams(input, assistant, now));
    hot.runSync(SQL.conversation, conversationParams(input, assistant, now));
    hot.runSync("COMMIT");
    committed = true;
    return { messages: messagesOf(rows), ...settled };
  } finally {
    if (!committed) hot.runSync("ROLLBACK");
    await (committed ? tx.commit() : tx.rollback()); // releases the lock (the SQL was ours)
  }
}

async function onPostgres(hot: Statements, input: FastTurnInput): Promise<FastTurnResult | null> {
  if (hot.connection.flavour !== "postgres") return null;
  const client: pg.PoolClient = await hot.connection.pool.connect();
  let open = false;
  try {
    await client.query("BEGIN");
    open = true;
    const settled = settle(input.sale, await readSale(input.sale, hot, client));
    if (!settled) return null;
    const assistant = input.assistant(settled.order);
    const now = new Date();
    const rows = await hot.all(SQL.messages, messageParams(input, assistant, now), client);
    await hot.all(SQL.conversation, conversationParams(input, assistant, now), client);
    await client.query("COMMIT");
    open = false;
    return { messages: messagesOf(rows), ...settled };
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}
