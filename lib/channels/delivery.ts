import { backoffMs } from "@/lib/channels/config";
import { publishMessages } from "@/lib/chat/events";
import { claimDue, finishClaim, releaseClaim } from "@/lib/db/channel-queue";
import { getOutboxRow, type OutboxRow, recordDeliveryFailure } from "@/lib/db/outbox";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isProviderError } from "./errors";
import { sendTelegram } from "./telegram/send";
import { deliveryFailedNotice } from "./texts";
import { sendWhatsapp } from "./whatsapp/send";

// Sends what the outbox holds. Each row is claimed with a lease; a provider failure puts it back with
// exponential backoff (or the provider's own retry_after), and later rows for the same customer wait behind it,
// so messages arrive in order once the provider is back. A row that cannot be delivered ends `failed` and
// leaves a notice in the conversation.
const LEASE_MS = 60_000;

export function send(row: OutboxRow): Promise<string | null> {
  return row.channel === "telegram" ? sendTelegram(row) : sendWhatsapp(row);
}

/** Reason shown to staff: the provider's own text for provider errors, a generic one otherwise. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && (isProviderError(error) || error.name === "ZodError")) return error.message;
  return "error interno al enviar (ver registro del servidor)";
}

export async function notifyDeliveryFailure(row: OutboxRow, reason: string): Promise<void> {
  if (row.payload.type !== "text") return; // a lost read receipt or button acknowledgement needs nobody
  try {
    const notice = await recordDeliveryFailure(
      row.chatId,
      deliveryFailedNotice(row.channel, row.payload.text, reason),
      row.id,
    );
    if (notice) await publishMessages(row.chatId, [notice]);
  } catch (err) {
    log.error("could not record a delivery failure", { outboxId: row.id, err });
  }
}

async function failOrRetry(row: OutboxRow, owner: string, error: unknown): Promise<void> {
  const retry = isProviderError(error) && error.retryable && row.attempts < env().CHANNEL_MAX_ATTEMPTS;
  const wait = Math.max(backoffMs(row.attempts), isProviderError(error) ? (error.retryAfterMs ?? 0) : 0);
  const reason = reasonOf(error);
  if (isProviderError(error))
    log.warn("outbox send failed", { outboxId: row.id, attempts: row.attempts, retry, reason });
  else log.error("outbox send failed", { outboxId: row.id, err: error });
  const released = await releaseClaim("outboxMessage", row.id, owner, {
    error: reason,
    retryAt: retry ? new Date(Date.now() + wait) : null,
  });
  if (released && !retry) await notifyDeliveryFailure(row, reason);
}

async function deliverOne(id: number, owner: string): Promise<void> {
  try {
    const row = await getOutboxRow(id);
    let providerMessageId: string | null;
    try {
      providerMessageId = await send(row);
    } catch (error) {
      await failOrRetry(row, owner, error);
      return;
    }
    await finishClaim("outboxMessage", id, owner, {
      providerMessageId,
      sentAt: new Date(),
      deliveryStatus: providerMessageId ? "sent" : null,
    });
  } catch (err) {
    // our database failed around the send: the lease runs out and the row is tried again (at least once)
    log.warn("outbox bookkeeping failed; retried when the lease expires", { outboxId: id, err });
  }
}

/** Sends every due row once (up to `limit`), several customers at a time; returns how many were claimed. */
export async function deliverDue(owner: string, limit = 20, concurrency = 4): Promise<number> {
  const ids = await claimDue("outboxMessage", { owner, leaseMs: LEASE_MS, limit });
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
    while (next < ids.length) {
      const id = ids[next++] as number;
      await deliverOne(id, owner);
    }
  });
  await Promise.all(lanes);
  return ids.length;
}
