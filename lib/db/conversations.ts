import { type DbTransaction, db, hotStatements } from "@/lib/db/client";
import { asModel, type Row } from "@/lib/db/driver";
import {
  getOrderSummary,
  type OrderSummary,
  type SaveSaleInput,
  type StoredSale,
  saleFromOrder,
  saveConversationSaleAndSummarize,
} from "@/lib/db/open-orders";
import { createConversationOnDriver, recordTurnOnDriver } from "@/lib/db/turn-writes";
import type { Conversation, Message, Order, OrderLine } from "@/lib/generated/sqlite/client";

// Conversations and their messages as the chat pipeline reads and writes them. Metadata is JSON text.
export type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

export type StoredMessage = {
  id: number;
  role: string;
  text: string;
  intent: string | null;
  saleState: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

export function findConversation(chatId: string) {
  return db().conversation.findUnique({ where: { chatId } });
}

/**
 * The conversation of a chat id, created on its first use. Created on the driver (INSERT … ON CONFLICT DO
 * NOTHING): Prisma's upsert failed on the unique chatId when two first uses ran at once.
 */
export async function ensureConversation(chatId: string, channel: string) {
  await createConversationOnDriver(chatId, channel);
  return db().conversation.findUniqueOrThrow({ where: { chatId } });
}

function parseMetadata(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toStored(m: {
  id: number;
  role: string;
  text: string;
  intent: string | null;
  saleState: string | null;
  metadata: string;
  createdAt: Date;
}): StoredMessage {
  return { ...m, metadata: parseMetadata(m.metadata) };
}

const HISTORY_ROLES = ["customer", "assistant", "staff"];

export type TurnState = {
  conversation: ConversationRow;
  /** The last messages the agent sees, oldest first. */
  recent: StoredMessage[];
  sale: StoredSale | null;
};

// Columns the drivers return differently from Prisma (lib/db/driver.ts asModel).
const CONVERSATION_COLUMNS = {
  dates: ["takenOverAt", "lastMessageAt", "attentionSince", "createdAt", "updatedAt"],
  booleans: ["botEnabled"],
} as const;
const MESSAGE_COLUMNS = { dates: ["createdAt"] } as const;
const ORDER_COLUMNS = {
  dates: ["closedAt", "cancelledAt", "paidAt", "dispatchedAt", "deliveredAt", "createdAt", "updatedAt"],
} as const;

const roleList = HISTORY_ROLES.map((r) => `'${r}'`).join(", ");
const TURN_SQL = {
  conversation: `SELECT * FROM "Conversation" WHERE "chatId" = $1`,
  messages: `SELECT * FROM "Message" WHERE "conversationId" = $1 AND "role" IN (${roleList}) ORDER BY "id" DESC LIMIT $2`,
  order: `SELECT * FROM "Order" WHERE "conversationId" = $1 ORDER BY "id" DESC LIMIT 1`,
  lines: `SELECT * FROM "OrderLine" WHERE "orderId" = $1 ORDER BY "id" ASC`,
};

/**
 * What a turn needs about its conversation, by unique and composite indexes: the row, its last `limit` messages
 * (Message(conversationId, id)) and its newest order with lines (Order(conversationId, …)). Read with prepared
 * statements on the driver (lib/db/driver.ts): this runs on every turn and Prisma's per-call cost was most of
 * it. A conversation's first message creates it on the driver too (the only turn that writes before planning).
 */
export async function loadTurnState(chatId: string, channel: string, limit = 10): Promise<TurnState> {
  const hot = await hotStatements();
  const found = (await hot.all(TURN_SQL.conversation, [chatId]))[0];
  if (!found) {
    await createConversationOnDriver(chatId, channel);
    return loadTurnState(chatId, channel, limit);
  }
  const conversation = asModel<Conversation>(found, CONVERSATION_COLUMNS);
  const [messages, orders] = await Promise.all([
    hot.all(TURN_SQL.messages, [conversation.id, limit]),
    hot.all(TURN_SQL.order, [conversation.id]),
  ]);
  const order = orders[0] ? asModel<Order>(orders[0], ORDER_COLUMNS) : null;
  const lines = order ? ((await hot.all(TURN_SQL.lines, [order.id])) as OrderLine[]) : [];
  return {
    conversation,
    recent: messages.reverse().map((m: Row) => toStored(asModel<Message>(m, MESSAGE_COLUMNS))),
    sale: order ? saleFromOrder({ ...order, lines }, conversation.saleState) : null,
  };
}

/** The last `limit` messages, oldest first (what the agent sees as history). */
export async function listRecentMessages(conversationId: number, limit = 10): Promise<StoredMessage[]> {
  const rows = await db().message.findMany({
    where: { conversationId, role: { in: HISTORY_ROLES } },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.reverse().map(toStored);
}

/** The newest `limit` messages of a chat, oldest first (legacy historial and the web chat's restore). */
export async function listConversationMessages(chatId: string, limit = 500): Promise<StoredMessage[]> {
  const rows = await db().message.findMany({
    where: { conversation: { chatId } },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.reverse().map(toStored);
}

export type GlobalBotSwitch = { enabled: boolean; reason: string | null };

/** The console's global bot switch (Setting `bot.global`); missing or unreadable means enabled. */
export async function readGlobalBotSwitch(): Promise<GlobalBotSwitch> {
  const row = await db().setting.findUnique({ where: { key: "bot.global" } });
  if (!row) return { enabled: true, reason: null };
  const value = parseMetadata(row.value);
  return {
    enabled: value.enabled !== false,
    reason: typeof value.reason === "string" ? value.reason : null,
  };
}

export type NewMessage = {
  role: "customer" | "assistant";
  text: string;
  intent?: string | null;
  saleState?: string | null;
  metadata?: Record<string, unknown>;
  model?: string | null;
  totalMs?: number | null;
  modelMs?: number | null;
  retrievalMs?: number | null;
  /** Understanding's confidence in a customer message (0..1). */
  confidence?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
};

async function insertMessages(tx: DbTransaction, conversationId: number, messages: readonly NewMessage[]) {
  // one INSERT … RETURNING for the turn's messages (ids ascend in insertion order on both engines)
  const rows = await tx.message.createManyAndReturn({
    data: messages.map((m) => ({
      conversationId,
      role: m.role,
      text: m.text,
      intent: m.intent ?? null,
      saleState: m.saleState ?? null,
      metadata: JSON.stringify(m.metadata ?? {}),
      model: m.model ?? null,
      totalMs: m.totalMs ?? null,
      modelMs: m.modelMs ?? null,
      retrievalMs: m.retrievalMs ?? null,
      confidence: m.confidence ?? null,
      inputTokens: m.inputTokens ?? null,
      outputTokens: m.outputTokens ?? null,
    })),
  });
  const created = rows.sort((a, b) => a.id - b.id).map(toStored);
  const last = messages.at(-1);
  const lastIntent = [...messages].reverse().find((m) => m.intent)?.intent;
  const saleState = [...messages].reverse().find((m) => m.saleState !== undefined)?.saleState;
  await tx.conversation.update({
    where: { id: conversationId },
    data: {
      lastMessageAt: new Date(),
      lastMessagePreview: last?.text.slice(0, 140) ?? null,
      messageCount: { increment: messages.length },
      ...(lastIntent ? { lastIntent } : {}),
      ...(saleState !== undefined ? { saleState } : {}),
    },
  });
  return created;
}

/** Marks a conversation as waiting for a person; the first reason and time stand until staff clear it. */
async function flagForAttention(tx: DbTransaction, conversationId: number, reason: string) {
  const current = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: { attentionReason: true, attentionSince: true },
  });
  if (current?.attentionSince) return { reason: current.attentionReason ?? reason, since: current.attentionSince };
  const since = new Date();
  await tx.conversation.update({
    where: { id: conversationId },
    data: { attentionReason: reason, attentionSince: since },
  });
  return { reason, since };
}

/** A message stored on its own (the customer writing while staff attend the conversation). */
export async function appendMessages(conversationId: number, messages: readonly NewMessage[]) {
  return db().$transaction((tx) => insertMessages(tx, conversationId, messages));
}

/**
 * One bot turn, all or nothing: the customer's message, the answer with its timings, the conversation's
 * summary columns and the open sale's order row.
 */
export async function recordTurn(input: {
  conversationId: number;
  customer: NewMessage;
  /** Built once the order row exists, so the answer's metadata can carry the order as stored. */
  assistant: (order: OrderSummary | null) => NewMessage;
  sale: Omit<SaveSaleInput, "conversationId"> | null;
  /** Hand the conversation over to a person: it waits in the inbox with this reason (kept if already waiting). */
  attention?: { reason: string } | null;
}): Promise<{
  messages: StoredMessage[];
  orderId: number | null;
  order: OrderSummary | null;
  attention: { reason: string; since: Date } | null;
}> {
  // most turns change no order and flag nobody: written on the driver; the rest (and anything it declines) here
  if (!input.attention) {
    const fast = await recordTurnOnDriver(input);
    if (fast) return { ...fast, messages: fast.messages.map(toStored), attention: null };
  }
  return db().$transaction(
    async (tx) => {
      const saved = input.sale
        ? await saveConversationSaleAndSummarize(tx, { ...input.sale, conversationId: input.conversationId })
        : { orderId: null };
      const orderId = saved.orderId;
      const order = orderId ? (saved.summary ?? (await getOrderSummary(orderId, tx))) : null;
      const messages = await insertMessages(tx, input.conversationId, [input.customer, input.assistant(order)]);
      const attention = input.attention
        ? await flagForAttention(tx, input.conversationId, input.attention.reason)
        : null;
      return { messages, orderId, order, attention };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
