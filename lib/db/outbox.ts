import { type DbTransaction, db } from "@/lib/db/client";
import type { StoredMessage } from "@/lib/db/conversations";
import { isMessagingChannel, type MessagingChannel, outboundPayload } from "@/lib/domain/channels";

// The outbox rows as the channel worker reads and updates them, and the hook that copies a staff reply (or a
// takeover notice) written in the console to the customer's channel, in the same transaction as the message.
export async function getOutboxRow(id: number) {
  const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
  return { ...row, channel: row.channel as MessagingChannel, payload: outboundPayload.parse(JSON.parse(row.payload)) };
}
export type OutboxRow = Awaited<ReturnType<typeof getOutboxRow>>;

/**
 * Called inside the transaction that stores a staff or system message: if the conversation came from a messaging
 * channel, the message is queued for it (committed together, so a reply is never stored without being sent).
 */
export async function enqueueChannelCopy(
  tx: DbTransaction,
  conversationId: number,
  message: { id: number; role: string; text: string },
): Promise<void> {
  const conversation = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: { chatId: true, channel: true, channelUserId: true },
  });
  if (!conversation?.channelUserId || !isMessagingChannel(conversation.channel)) return;
  const channel = conversation.channel;
  await tx.outboxMessage.create({
    data: {
      channel,
      chatId: conversation.chatId,
      recipient: conversation.channelUserId,
      orderKey: `${channel}:${conversation.channelUserId}`,
      kind: "text",
      payload: JSON.stringify({
        type: "text",
        text: message.text,
        author: message.role === "staff" ? "staff" : "system",
      }),
      dedupeKey: `message:${message.id}`,
      messageId: message.id,
    },
  });
}

/** Records what the provider answered for a sent row (its message id, for statuses and button presses). */
export async function recordProviderMessageId(id: number, providerMessageId: string | null): Promise<void> {
  await db().outboxMessage.update({
    where: { id },
    data: { providerMessageId, sentAt: new Date(), deliveryStatus: "sent" },
  });
}

const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3 };

/** A WhatsApp status webhook: sent → delivered → read never goes backwards; failed wins. Returns the row. */
export async function applyDeliveryStatus(channel: MessagingChannel, providerMessageId: string, status: string) {
  const row = await db().outboxMessage.findFirst({ where: { channel, providerMessageId } });
  if (!row) return null;
  const current = STATUS_RANK[row.deliveryStatus ?? ""] ?? 0;
  const next = STATUS_RANK[status] ?? 0;
  if (status !== "failed" && next <= current) return row;
  return db().outboxMessage.update({ where: { id: row.id }, data: { deliveryStatus: status } });
}

/** Marks a sent row as undeliverable after the fact (a `failed` status webhook). */
export async function failDeliveredRow(id: number, error: string) {
  return db().outboxMessage.update({
    where: { id },
    data: { status: "failed", deliveryStatus: "failed", lastError: error.slice(0, 1000) },
  });
}

export const DELIVERY_FAILED_REASON = "entrega_fallida";

/**
 * A message that could not be delivered becomes a visible notice in the conversation, and the conversation asks
 * for a person's attention (unless it already does). Returns the notice so it can be published to the inbox.
 */
export async function recordDeliveryFailure(
  chatId: string,
  text: string,
  outboxId: number,
): Promise<StoredMessage | null> {
  return db().$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { chatId } });
    if (!conversation) return null;
    const metadata = { entrega_fallida: outboxId };
    const row = await tx.message.create({
      data: { conversationId: conversation.id, role: "system", text, metadata: JSON.stringify(metadata) },
    });
    await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        lastMessageAt: row.createdAt,
        messageCount: { increment: 1 },
        ...(conversation.attentionReason
          ? {}
          : { attentionReason: DELIVERY_FAILED_REASON, attentionSince: row.createdAt }),
      },
    });
    return { ...row, metadata };
  });
}

/** Puts a failed row back in the queue (console "Reintentar"); only failed rows. */
export async function requeueOutboxRow(id: number): Promise<boolean> {
  const { count } = await db().outboxMessage.updateMany({
    where: { id, status: "failed" },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null, deliveryStatus: null },
  });
  return count === 1;
}
