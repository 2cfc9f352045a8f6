import { type Env, env } from "@/lib/env";

// Each channel's settings as the code uses them. A channel is configured when its token (and, for WhatsApp, the
// phone number id) is set; what is still missing for it to work is listed for the console.
export type TelegramConfig = {
  token: string;
  webhookSecret: string | null;
  baseUrl: string;
  mode: "webhook" | "polling";
};

export type WhatsappConfig = {
  accessToken: string;
  appSecret: string | null;
  verifyToken: string | null;
  phoneNumberId: string;
  baseUrl: string;
  template: { name: string; language: string } | null;
};

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function telegramConfig(config: Env = env()): TelegramConfig | null {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET ?? null,
    baseUrl: trimSlash(config.TELEGRAM_API_BASE_URL),
    mode: config.TELEGRAM_MODE,
  };
}

export function whatsappConfig(config: Env = env()): WhatsappConfig | null {
  if (!config.WHATSAPP_ACCESS_TOKEN || !config.WHATSAPP_PHONE_NUMBER_ID) return null;
  return {
    accessToken: config.WHATSAPP_ACCESS_TOKEN,
    appSecret: config.WHATSAPP_APP_SECRET ?? null,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN ?? null,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    baseUrl: trimSlash(config.WHATSAPP_API_BASE_URL),
    template: config.WHATSAPP_TEMPLATE_NAME
      ? { name: config.WHATSAPP_TEMPLATE_NAME, language: config.WHATSAPP_TEMPLATE_LANGUAGE }
      : null,
  };
}

/** Settings still missing for each channel to receive and send (Spanish, for the console). */
export function missingSettings(config: Env = env()): { telegram: string[]; whatsapp: string[] } {
  const telegram: string[] = [];
  if (!config.TELEGRAM_BOT_TOKEN) telegram.push("TELEGRAM_BOT_TOKEN");
  if (config.TELEGRAM_MODE === "webhook" && !config.TELEGRAM_WEBHOOK_SECRET) telegram.push("TELEGRAM_WEBHOOK_SECRET");
  const whatsapp = [
    "WHATSAPP_ACCESS_TOKEN",
    "WHATSAPP_APP_SECRET",
    "WHATSAPP_VERIFY_TOKEN",
    "WHATSAPP_PHONE_NUMBER_ID",
  ].filter((name) => !config[name as keyof Env]);
  return { telegram, whatsapp };
}

/** Where a provider must deliver its webhooks (PUBLIC_BASE_URL, else the address the console was opened at). */
export function webhookUrl(channel: "telegram" | "whatsapp", requestOrigin: string | null, config: Env = env()) {
  const base = config.PUBLIC_BASE_URL ?? requestOrigin;
  return base ? `${trimSlash(base)}/api/channels/${channel}` : null;
}

/** Exponential backoff with jitter: base·2^(attempt-1), capped at 15 minutes. */
export function backoffMs(attempt: number, config: Env = env()): number {
  const raw = config.CHANNEL_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(raw, 15 * 60_000);
  return Math.round(capped * (0.8 + Math.random() * 0.4));
}
