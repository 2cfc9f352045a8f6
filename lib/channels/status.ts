import { channelCounts, recentEvents, recentOutbox, undeliveredFor } from "@/lib/db/channel-admin";
import { lastCustomerMessageAt } from "@/lib/db/channel-events";
import { type MessagingChannel, outboundPayload } from "@/lib/domain/channels";
import { env } from "@/lib/env";
import { missingSettings, telegramConfig, webhookUrl, whatsappConfig } from "./config";
import { isProviderError } from "./errors";
import { telegramCall } from "./telegram/api";
import { graphCall } from "./whatsapp/api";
import { WINDOW_MS } from "./whatsapp/send";

// The console's view of each channel: configuration, what the provider says about our account (asked live, briefly),
// queue figures and the last deliveries; and, for one conversation, WhatsApp's window and undelivered messages.
export type ProviderCheck =
  | { ok: true; lines: [string, string][]; registeredWebhook?: string }
  | { ok: false; error: string };

const CHECK_MS = 4_000;
const providerProblem = (error: unknown) =>
  isProviderError(error) ? error.message : "No se pudo consultar al proveedor.";

async function checkTelegram(): Promise<ProviderCheck> {
  try {
    const me = await telegramCall<{ username?: string; first_name?: string }>("getMe", {}, { timeoutMs: CHECK_MS });
    const hook = await telegramCall<{ url?: string; pending_update_count?: number; last_error_message?: string }>(
      "getWebhookInfo",
      {},
      { timeoutMs: CHECK_MS },
    );
    return {
      ok: true,
      registeredWebhook: hook.url ?? "",
      lines: [
        ["Bot", me.username ? `@${me.username}` : (me.first_name ?? "—")],
        ["Webhook registrado en Telegram", hook.url || "ninguno (modo de consulta o sin registrar)"],
        ["Entregas pendientes en Telegram", String(hook.pending_update_count ?? 0)],
        ...(hook.last_error_message ? [["Último error de Telegram", hook.last_error_message] as [string, string]] : []),
      ],
    };
  } catch (error) {
    return { ok: false, error: providerProblem(error) };
  }
}

async function checkWhatsapp(phoneNumberId: string): Promise<ProviderCheck> {
  try {
    const phone = await graphCall<{ display_phone_number?: string; verified_name?: string; quality_rating?: string }>(
      "GET",
      phoneNumberId,
      undefined,
      { timeoutMs: CHECK_MS },
    );
    return {
      ok: true,
      lines: [
        ["Número", phone.display_phone_number ?? "—"],
        ["Nombre verificado", phone.verified_name ?? "—"],
        ["Calidad", phone.quality_rating ?? "—"],
      ],
    };
  } catch (error) {
    return { ok: false, error: providerProblem(error) };
  }
}

const preview = (payload: string) => {
  const parsed = outboundPayload.safeParse(JSON.parse(payload));
  return parsed.success && parsed.data.type === "text" ? parsed.data.text.slice(0, 120) : "";
};

export async function channelOverview(channel: MessagingChannel, requestOrigin: string | null) {
  const configured = channel === "telegram" ? telegramConfig() : whatsappConfig();
  const [counts, outbox, events, check] = await Promise.all([
    channelCounts(channel),
    recentOutbox(channel),
    recentEvents(channel),
    configured
      ? channel === "telegram"
        ? checkTelegram()
        : checkWhatsapp((configured as { phoneNumberId: string }).phoneNumberId)
      : Promise.resolve(null),
  ]);
  return {
    channel,
    configured: configured !== null,
    missing: missingSettings()[channel],
    mode: channel === "telegram" ? env().TELEGRAM_MODE : "webhook",
    webhookUrl: webhookUrl(channel, requestOrigin),
    template: channel === "whatsapp" ? (whatsappConfig()?.template ?? null) : null,
    check,
    registeredWebhook: check?.ok ? check.registeredWebhook : undefined,
    counts,
    outbox: outbox.map((o) => ({ ...o, text: preview(o.payload) })),
    events,
  };
}
export type ChannelOverview = Awaited<ReturnType<typeof channelOverview>>;

/** For a conversation's side panel. */
export async function conversationDelivery(chatId: string, channel: MessagingChannel) {
  const [lastCustomer, undelivered] = await Promise.all([lastCustomerMessageAt(chatId), undeliveredFor(chatId)]);
  const windowEndsAt = lastCustomer ? new Date(lastCustomer.getTime() + WINDOW_MS) : null;
  return {
    channel,
    windowEndsAt: channel === "whatsapp" ? windowEndsAt : null,
    windowOpen: channel === "whatsapp" ? windowEndsAt !== null && windowEndsAt.getTime() > Date.now() : true,
    template: channel === "whatsapp" ? (whatsappConfig()?.template ?? null) : null,
    undelivered: undelivered.map((u) => ({ ...u, text: preview(u.payload) })),
  };
}
