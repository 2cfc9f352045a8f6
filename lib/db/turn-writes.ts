import type pg from "pg";
import { type Db, db, hotStatements } from "@/lib/db/client";
import type { NewMessage } from "@/lib/db/conversations";
import { asModel, type Row, type Statements } from "@/lib/db/driver";
import type { OrderSummary } from "@/lib/db/open-orders";
import { type SaleResult, type Step, type Steps, saleSteps, type TurnSale } from "@/lib/db/sale-writes";
import type { Message } from "@/lib/generated/sqlite/client";

// A chat turn's write on the driver (lib/db/driver.ts), in one transaction, without Prisma's per-call cost: the
// sale (lib/db/sale-writes.ts: nothing, a cart change, a new order, a cancellation), both messages and the
// conversation's summary columns. Only a turn that flags the conversation for a person takes the Prisma path
// (lib/db/conversations.ts), which writes every case the same way.

export type FastTurnInput = {
  conversationId: number;
  customer: NewMessage;
  assistant: (order: OrderSummary | null) => NewMessage;
  sale: TurnSale;
};

export type FastTurnResult = SaleResult & { messages: Message[] };

const SQL = {
  messages: `INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "model", "totalMs", "modelMs", "retrievalMs", "confidence", "inputTokens", "outputTokens", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14), ($1, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $14)
    RETURNING *`,
  conversation: `UPDATE "Conversation" SET "lastMessageAt" = $2, "updatedAt" = $2, "lastMessagePreview" = $3,
    "messageCount" = "messageCount" + 2, "lastIntent" = COALESCE($4, "lastIntent"),
    "saleState" = CASE WHEN $5 = 1 THEN $6 ELSE "saleState" END WHERE "id" = $1`,
};
// PostgreSQL, a turn whose sale writes nothing: the summary's UPDATE rides on the messages' INSERT as a
// data-modifying WITH, one statement and so its own transaction (no BEGIN/COMMIT round trips, no pool client
// held). Its placeholders follow the messages' ($1 the conversation, $14 the time, then $27…).
const MESSAGES_WITH_SUMMARY = `WITH "summary" AS (${SQL.conversation
  .replace(/\$([2-6])\b/g, (_, n: string) => (n === "2" ? "$14" : `$${Number(n) + 24}`))
  .replace(/\s+/g, " ")}) ${SQL.messages}`;

function messageParams(input: FastTurnInput, assistant: NewMessage, now: Date): unknown[] {
  const columns = (m: NewMessage) => [
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

function conversationParams(input: FastTurnInput, assistant: NewMessage, now: Date): unknown[] {
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

/** The whole turn's statements, in the Prisma path's order: the sale, then both messages, then the summary. */
function* turnSteps(input: FastTurnInput, now: Date, sale: Steps<SaleResult>): Steps<FastTurnResult> {
  const written = yield* sale;
  const assistant = input.assistant(written.order);
  const rows = yield { sql: SQL.messages, params: messageParams(input, assistant, now) };
  yield { sql: SQL.conversation, params: conversationParams(input, assistant, now) };
  return { messages: messagesOf(rows), ...written };
}

/** A generator whose first step was already taken, from that step on. */
function* resumed<T>(steps: Steps<T>, first: IteratorResult<Step, T>): Steps<T> {
  let next = first;
  while (!next.done) next = steps.next(yield next.value);
  return next.value;
}

/**
 * The turn written on the driver, in one transaction. SQLite: one synchronous block under the adapter's
 * transaction lock, so nothing else runs on the connection meanwhile. PostgreSQL: a transaction on a client of
 * the same pool. Null only when the connection is of neither kind (nothing written; recordTurn then uses Prisma).
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
    const now = new Date();
    const steps = turnSteps(input, now, saleSteps(input.conversationId, input.sale, now));
    let next = steps.next();
    while (!next.done) next = steps.next(hot.querySync(next.value.sql, next.value.params));
    hot.runSync("COMMIT");
    committed = true;
    return next.value;
  } finally {
    if (!committed) hot.runSync("ROLLBACK");
    await (committed ? tx.commit() : tx.rollback()); // releases the lock (the SQL was ours)
  }
}

async function onPostgres(hot: Statements, input: FastTurnInput): Promise<FastTurnResult | null> {
  if (hot.connection.flavour !== "postgres") return null;
  const now = new Date();
  const sale = saleSteps(input.conversationId, input.sale, now);
  const first = sale.next();
  if (first.done) {
    // the sale writes nothing (none, or unchanged): messages and summary in one statement
    const assistant = input.assistant(first.value.order);
    const summary = conversationParams(input, assistant, now).slice(2); // its $3…$6 (its $1, $2 are shared)
    const rows = await hot.all(MESSAGES_WITH_SUMMARY, [...messageParams(input, assistant, now), ...summary]);
    return { messages: messagesOf(rows), ...first.value };
  }
  const steps = turnSteps(input, now, resumed(sale, first));
  let next = steps.next();
  const client: pg.PoolClient = await hot.connection.pool.connect();
  let open = false;
  try {
    await client.query("BEGIN");
    open = true;
    while (!next.done) next = steps.next(await hot.all(next.value.sql, next.value.params, client));
    await client.query("COMMIT");
    open = false;
    return next.value;
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

// A conversation's first message creates it. ON CONFLICT: two first messages at once (a burst, a client that
// retries) both end with the one row; Prisma's upsert was a read then an insert, and the second one failed on the
// unique chatId. Dates are written explicitly, as Prisma does (@default(now()), @updatedAt), not left to the
// column default (SQLite's CURRENT_TIMESTAMP text is not the format Prisma reads back).
const NEW_CONVERSATION = `INSERT INTO "Conversation" ("chatId", "channel", "lastMessageAt", "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $3, $3) ON CONFLICT ("chatId") DO NOTHING`;

/**
 * Creates the conversation of `chatId` unless it exists (then nothing changes). SQLite: one statement under the
 * adapter's transaction lock, so it never lands inside a Prisma transaction open on the same connection.
 */
export async function createConversationOnDriver(chatId: string, channel: string, client: Db = db()): Promise<void> {
  const hot = await hotStatements(client);
  const params = [chatId, channel, new Date()];
  if (hot.connection.flavour === "postgres") {
    await hot.all(NEW_CONVERSATION, params);
    return;
  }
  const tx = await hot.connection.adapter.startTransaction();
  let committed = false;
  try {
    hot.runSync(NEW_CONVERSATION, params);
    hot.runSync("COMMIT");
    committed = true;
  } finally {
    if (!committed) hot.runSync("ROLLBACK");
    await (committed ? tx.commit() : tx.rollback());
  }
}
