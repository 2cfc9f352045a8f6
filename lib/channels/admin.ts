import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { requeueOutboxRow } from "@/lib/db/outbox";
import { AppError } from "@/lib/errors";
import { telegramConfig, webhookUrl } from "./config";
import { isProviderError } from "./errors";
import { kickChannelWorker } from "./kick";
import { telegramCall } from "./telegram/api";

// What an administrator can do about the channels from the console: point Telegram at our webhook, and send a
// failed message again once its cause is fixed.
export async function registerTelegramWebhook(requestOrigin: string | null, principal: Principal) {
  const config = telegramConfig();
  if (!config) throw new AppError("conflict", "Configura TELEGRAM_BOT_TOKEN antes de registrar el webhook.");
  if (!config.webhookSecret)
    throw new AppError("conflict", "Configura TELEGRAM_WEBHOOK_SECRET antes de registrar el webhook.");
  const url = webhookUrl("telegram", requestOrigin);
  if (!url?.startsWith("https://")) {
    throw new AppError(
      "invalid_input",
      "Telegram solo entrega a direcciones https://. Define PUBLIC_BASE_URL con la dirección pública de la tienda.",
    );
  }
  try {
    await telegramCall("setWebhook", {
      url,
      secret_token: config.webhookSecret,
      allowed_updates: ["message", "callback_query"],
      drop_pending_updates: false,
    });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    throw new AppError("unavailable", `Telegram no aceptó el webhook: ${error.message}`);
  }
  await recordAudit(principal, {
    action: "channel.webhook.register",
    entityType: "channel",
    entityId: "telegram",
    after: { url },
  });
  return { url };
}

export async function retryDelivery(id: number, principal: Principal) {
  if (!(await requeueOutboxRow(id))) throw new AppError("conflict", "Ese mensaje ya no está fallido.");
  await recordAudit(principal, { action: "channel.delivery.retry", entityType: "outbox", entityId: id });
  kickChannelWorker();
  return { id };
}
