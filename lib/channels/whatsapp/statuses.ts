import { notifyDeliveryFailure } from "@/lib/channels/delivery";
import { enqueueOutbox } from "@/lib/db/channel-events";
import { applyDeliveryStatus, failDeliveredRow, getOutboxRow } from "@/lib/db/outbox";
import { log } from "@/lib/log";
import { WINDOW_CLOSED_CODE } from "./api";
import type { WhatsappStatus } from "./payload";

// Status webhooks for messages we sent: sent → delivered → read, or failed after the fact. A failure because the
// 24-hour window had closed is sent again once (the worker then uses the template); any other failure is shown
// in the conversation.
export async function applyStatuses(statuses: readonly WhatsappStatus[]): Promise<void> {
  for (const s of statuses) {
    const row = await applyDeliveryStatus("whatsapp", s.id, s.status);
    if (!row || s.status !== "failed") continue;
    const error = s.errors?.[0];
    const reason = [error?.title ?? error?.message ?? "WhatsApp no entregó el mensaje", error?.error_data?.details]
      .filter(Boolean)
      .join(" — ");
    const failed = await failDeliveredRow(row.id, `WhatsApp ${error?.code ?? ""}: ${reason}`.trim());
    const full = await getOutboxRow(failed.id);
    if (error?.code === WINDOW_CLOSED_CODE && full.payload.type === "text") {
      log.info("whatsapp window closed; sending again", { outboxId: row.id });
      await enqueueOutbox([
        {
          channel: "whatsapp",
          chatId: full.chatId,
          recipient: full.recipient,
          ordered: true,
          payload: full.payload,
          dedupeKey: `window:${full.id}`,
          messageId: full.messageId,
        },
      ]);
      continue;
    }
    await notifyDeliveryFailure(full, reason);
  }
}
