import { NextRequest } from "next/server";
import { POST as postTelegramRoute } from "@/app/api/channels/telegram/route";
import { GET as getWhatsappRoute, POST as postWhatsappRoute } from "@/app/api/channels/whatsapp/route";
import { resetProviderCache } from "@/lib/ai/providers";
import { drainOnce, workerId } from "@/lib/channels/worker";
import { resetEnvCache } from "@/lib/env";
import type { FakeTelegram } from "./fake-telegram";
import type { FakeWhatsapp } from "./fake-whatsapp";
import { sign } from "./fake-whatsapp";

// Driving the channels the way the providers do: real route handlers, real worker passes, fake providers on the
// wire. Settings go through process.env and lib/env exactly as an operator would set them.
export const TG = { token: "7000000001:AAH-test-token_abcdefghijklmnopqrstuv", secret: "tg-webhook-secret_0123456789" };
export const WA = {
  token: "EAAG-test-access-token",
  appSecret: "wa-app-secret-0123456789abcdef",
  verifyToken: "verify-me-0123",
  phoneNumberId: "106540352242922",
};

let extras: string[] = [];

export function configureChannels(
  fakes: { telegram?: FakeTelegram; whatsapp?: FakeWhatsapp },
  extra: Record<string, string> = {},
) {
  const settings: Record<string, string | undefined> = {
    // settings a previous call added are forgotten, so one test's extra never leaks into the next
    ...Object.fromEntries(extras.map((key) => [key, undefined])),
    TELEGRAM_BOT_TOKEN: fakes.telegram ? TG.token : undefined,
    TELEGRAM_WEBHOOK_SECRET: fakes.telegram ? TG.secret : undefined,
    TELEGRAM_API_BASE_URL: fakes.telegram?.url,
    WHATSAPP_ACCESS_TOKEN: fakes.whatsapp ? WA.token : undefined,
    WHATSAPP_APP_SECRET: fakes.whatsapp ? WA.appSecret : undefined,
    WHATSAPP_VERIFY_TOKEN: fakes.whatsapp ? WA.verifyToken : undefined,
    WHATSAPP_PHONE_NUMBER_ID: fakes.whatsapp ? WA.phoneNumberId : undefined,
    WHATSAPP_API_BASE_URL: fakes.whatsapp?.url,
    CHANNEL_RETRY_BASE_MS: "40",
    ...extra,
  };
  extras = Object.keys(extra);
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
  resetProviderCache();
}

export async function postTelegram(update: unknown, secret: string | null = TG.secret) {
  const req = new NextRequest("http://localhost/api/channels/telegram", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
    },
    body: JSON.stringify(update),
  });
  const res = await postTelegramRoute(req, { params: Promise.resolve({}) });
  return {
    status: res.status,
    body: (await res.json()) as { ok?: boolean; error?: { code: string; message: string } },
  };
}

export async function postWhatsapp(payload: unknown, signature?: string | null) {
  const body = JSON.stringify(payload);
  const header = signature === undefined ? sign(body, WA.appSecret) : signature;
  const req = new NextRequest("http://localhost/api/channels/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", ...(header === null ? {} : { "x-hub-signature-256": header }) },
    body,
  });
  const res = await postWhatsappRoute(req, { params: Promise.resolve({}) });
  return {
    status: res.status,
    body: (await res.json()) as { ok?: boolean; error?: { code: string; message: string } },
  };
}

export async function getWhatsapp(query: string) {
  const res = await getWhatsappRoute(new NextRequest(`http://localhost/api/channels/whatsapp?${query}`), {
    params: Promise.resolve({}),
  });
  return { status: res.status, text: await res.text() };
}

const owner = workerId();

/** Runs worker passes until nothing is due (what the server's worker does on each kick). */
export async function drain(maxPasses = 50): Promise<void> {
  for (let i = 0; i < maxPasses; i++) if (!(await drainOnce(owner))) return;
  throw new Error("the channel queues did not settle");
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
