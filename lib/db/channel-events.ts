import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { InboundPayload, MessagingChannel, OutboundPayload } from "@/lib/domain/channels";
import { inboundPayload } from "@/lib/domain/channels";

// Inbound channel events: stored once per provider message id, processed by the channel worker.
export type NewChannelEvent = {
  channel: MessagingChannel;
  externalId: string;
  /** `<channel>:<sender id>`: one customer's messages are processed one at a time, in order. */
  orderKey: string;
  payload: InboundPayload;
};

export type ChannelEventRow = Awaited<ReturnType<typeof getChannelEvent>>;

const isUniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === "P2002";

/** Stores each event unless its provider id is already stored; returns how many were new. */
export async function storeChannelEvents(events: readonly NewChannelEvent[]): Promise<number> {
  let created = 0;
  for (const e of events) {
    try {
      await db().channelEvent.create({
        data: {
          channel: e.channel,
          externalId: e.externalId,
          orderKey: e.orderKey,
          kind: e.payload.kind,
          payload: JSON.stringify(e.payload),
        },
      });
      created += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // a provider retry of a stored delivery
    }
  }
  return created;
}

/** The row without reading its payload (for bookkeeping when the payload itself is the problem). */
export async function getChannelEventRow(id: number) {
  const row = await db().channelEvent.findUniqueOrThrow({ where: { id } });
  const senderId = row.orderKey.slice(row.orderKey.indexOf(":") + 1);
  return { ...row, channel: row.channel as MessagingChannel, senderId };
}

export async function getChannelEvent(id: number) {
  const row = await db().channelEvent.findUniqueOrThrow({ where: { id } });
  return { ...row, channel: row.channel as MessagingChannel, payload: inboundPayload.parse(JSON.parse(row.payload)) };
}

const CHAT_PREFIX: Record<MessagingChannel, string> = { telegram: "tg", whatsapp: "wa" };

/**
 * The conversation of a channel sender, created on first contact. Its chatId is random (like the web chat's) so
 * the public chat API cannot be pointed at a customer by guessing a phone number.
 */
export async function ensureChannelConversation(channel: MessagingChannel, senderId: string, name: string | null) {
  const key = { channel_channelUserId: { channel, channelUserId: senderId } };
  const existing = await db().conversation.findUnique({ where: key });
  if (existing) {
    if (!existing.customerName && name) {
      return db().conversation.update({ where: { id: existing.id }, data: { customerName: name } });
    }
    return existing;
  }
  try {
    return await db().conversation.create({
      data: { chatId: `${CHAT_PREFIX[channel]}-${randomUUID()}`, channel, channelUserId: senderId, customerName: name },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db().conversation.findUniqueOrThrow({ where: key }); // another instance created it first
  }
}

/** The customer message a previous attempt of this event stored, and the answer stored after it, if any. */
export async function findStoredTurn(conversationId: number, eventRef: string) {
  const customer = await db().message.findFirst({
    where: { conversationId, role: "customer", metadata: { contains: `"evento_canal":${JSON.stringify(eventRef)}` } },
    orderBy: { id: "desc" },
  });
  if (!customer) return null;
  const answer = await db().message.findFirst({
    where: { conversationId, role: "assistant", id: { gt: customer.id } },
    orderBy: { id: "asc" },
  });
  return { customer, answer };
}

export type NewOutbox = {
  channel: MessagingChannel;
  chatId: string;
  recipient: string;
  /** Ordered rows share the recipient's key; receipts and button acknowledgements go out unordered. */
  ordered: boolean;
  payload: OutboundPayload;
  dedupeKey: string;
  messageId?: number | null;
};

function outboxData(o: NewOutbox) {
  return {
    channel: o.channel,
    chatId: o.chatId,
    recipient: o.recipient,
    orderKey: o.ordered ? `${o.channel}:${o.recipient}` : null,
    kind: o.payload.type,
    payload: JSON.stringify(o.payload),
    dedupeKey: o.dedupeKey,
    messageId: o.messageId ?? null,
  };
}

/** Queues messages; a dedupe key already queued (a retried event) is skipped. */
export async function enqueueOutbox(rows: readonly NewOutbox[]): Promise<void> {
  await db().$transaction(async (tx) => {
    const existing = await tx.outboxMessage.findMany({
      where: { dedupeKey: { in: rows.map((r) => r.dedupeKey) } },
      select: { dedupeKey: true },
    });
    const skip = new Set(existing.map((r) => r.dedupeKey));
    for (const row of rows) if (!skip.has(row.dedupeKey)) await tx.outboxMessage.create({ data: outboxData(row) });
  });
}

/**
 * Finishes an event and queues its answers in one transaction; false (nothing written) when this worker's lease
 * was lost and another worker owns the event now.
 */
export async function completeChannelEvent(id: number, owner: string, replies: readonly NewOutbox[]): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.channelEvent.updateMany({
      where: { id, leaseOwner: owner, status: "working" },
      data: { status: "done", leaseUntil: null, lastError: null, finishedAt: new Date() },
    });
    if (count === 0) return false;
    const existing = await tx.outboxMessage.findMany({
      where: { dedupeKey: { in: replies.map((r) => r.dedupeKey) } },
      select: { dedupeKey: true },
    });
    const skip = new Set(existing.map((r) => r.dedupeKey));
    for (const row of replies) if (!skip.has(row.dedupeKey)) await tx.outboxMessage.create({ data: outboxData(row) });
    return true;
  });
}

/** When the customer last wrote on this conversation (WhatsApp's 24-hour window starts there). */
export async function lastCustomerMessageAt(chatId: string): Promise<Date | null> {
  const row = await db().message.findFirst({
    where: { conversation: { chatId }, role: "customer" },
    orderBy: { id: "desc" },
    select: { createdAt: true },
  });
  return row?.createdAt ?? null;
}

export const UNANSWERED_REASON = "mensaje_sin_respuesta";

/**
 * An event that failed for good: the customer is told a person will look at it, and the conversation asks for one.
 * Best effort; returns false when the sender has no conversation yet.
 */
export async function markUnanswered(channel: MessagingChannel, senderId: string, eventId: number, text: string) {
  const conversation = await db().conversation.findUnique({
    where: { channel_channelUserId: { channel, channelUserId: senderId } },
  });
  if (!conversation) return false;
  await db().$transaction(async (tx) => {
    if (!conversation.attentionReason) {
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { attentionReason: UNANSWERED_REASON, attentionSince: new Date() },
      });
    }
    const exists = await tx.outboxMessage.findUnique({ where: { dedupeKey: `unanswered:${eventId}` } });
    if (!exists) {
      await tx.outboxMessage.create({
        data: {
          channel,
          chatId: conversation.chatId,
          recipient: senderId,
          orderKey: `${channel}:${senderId}`,
          kind: "text",
          payload: JSON.stringify({ type: "text", text, author: "system" }),
          dedupeKey: `unanswered:${eventId}`,
        },
      });
    }
  });
  return true;
}
