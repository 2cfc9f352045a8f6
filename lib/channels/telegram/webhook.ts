import { telegramConfig } from "@/lib/channels/config";
import { kickChannelWorker } from "@/lib/channels/kick";
import { sameSecret, storeForWebhook } from "@/lib/channels/webhook-common";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/body";
import { eventFromUpdate, telegramUpdate } from "./update";

// POST /api/channels/telegram: Telegram's webhook. The secret token header is checked before the body is read;
// the update is stored (once per provider message id) and answered 200 at once, the turn runs in the worker.
export async function receiveTelegramUpdate(req: Request): Promise<{ stored: number }> {
  const config = telegramConfig();
  if (!config) {
    throw new AppError("not_found", "El canal de Telegram no está configurado.", {
      detailCode: "canal_no_configurado",
    });
  }
  if (!config.webhookSecret) {
    throw new AppError(
      "forbidden",
      "Falta TELEGRAM_WEBHOOK_SECRET: el webhook de Telegram no acepta entregas sin secreto.",
      { detailCode: "secreto_no_configurado" },
    );
  }
  if (!sameSecret(req.headers.get("x-telegram-bot-api-secret-token"), config.webhookSecret)) {
    throw new AppError("unauthorized", "El secreto del webhook de Telegram no es válido.", {
      detailCode: "secreto_invalido",
    });
  }
  const update = await readJson(req, telegramUpdate, 1024 * 1024);
  const event = eventFromUpdate(update);
  const stored = event ? await storeForWebhook([event]) : 0;
  if (stored > 0) kickChannelWorker();
  return { stored };
}
