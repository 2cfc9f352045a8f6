import { db } from "@/lib/db/client";
import type { MessagingChannel } from "@/lib/domain/channels";

// What the console shows about the channels: queue sizes, the last deliveries each way, and a conversation's own
// undelivered messages.
const DAY_MS = 24 * 60 * 60 * 1000;

export async function channelCounts(channel: MessagingChannel) {
  const since = new Date(Date.now() - DAY_MS);
  const [pendingOut, failedOut, pendingIn, failedIn, lastIn] = await Promise.all([
    db().outboxMessage.count({ where: { channel, status: { in: ["pending", "working"] } } }),
    db().outboxMessage.count({ where: { channel, status: "failed", updatedAt: { gte: since } } }),
    db().channelEvent.count({ where: { channel, status: { in: ["pending", "working"] } } }),
    db().channelEvent.count({ where: { channel, status: "failed", createdAt: { gte: since } } }),
    db().channelEvent.findFirst({ where: { channel }, orderBy: { id: "desc" }, select: { createdAt: true } }),
  ]);
  return { pendingOut, failedOut, pendingIn, failedIn, lastReceivedAt: lastIn?.createdAt ?? null };
}

export function recentOutbox(channel: MessagingChannel, take = 10) {
  return db().outboxMessage.findMany({
    where: { channel, kind: "text" },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      chatId: true,
      payload: true,
      status: true,
      attempts: true,
      lastError: true,
      deliveryStatus: true,
      createdAt: true,
      sentAt: true,
      nextAttemptAt: true,
    },
  });
}

export function recentEvents(channel: MessagingChannel, take = 10) {
  return db().channelEvent.findMany({
    where: { channel },
    orderBy: { id: "desc" },
    take,
    select: { id: true, kind: true, orderKey: true, status: true, attempts: true, lastError: true, createdAt: true },
  });
}

/** A conversation's messages that did not (or not yet) reach the customer. */
export function undeliveredFor(chatId: string) {
  return db().outboxMessage.findMany({
    where: { chatId, kind: "text", status: { in: ["failed", "pending", "working"] } },
    orderBy: { id: "asc" },
    take: 20,
    select: { id: true, status: true, attempts: true, lastError: true, payload: true, nextAttemptAt: true },
  });
}
