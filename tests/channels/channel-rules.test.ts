import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyRows, splitText } from "@/lib/channels/outbound";
import { loadEnv, productionProblems } from "@/lib/env";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { configureChannels, drain, postTelegram, TG } from "./helpers";

// The rules around a turn: the web chat's per-sender rate limit, the global bot switch, messages too long for the
// agent, answers too long for one provider message, and the configuration names operators rely on.
describe("per-sender limits and the bot switch", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    configureChannels({ telegram });
  });
  afterAll(async () => {
    await telegram?.close();
    await t?.drop();
  });

  it("answers 30 messages a minute per sender, stores the rest, and says so once", async () => {
    for (let i = 1; i <= 33; i++) await postTelegram(textUpdate(1212, i, `Hola ${i}`));
    await drain();
    const mine = telegram.sent.filter((m) => m.chatId === "1212");
    expect(mine).toHaveLength(31);
    expect(mine.at(-1)?.text).toMatch(/muchos mensajes seguidos/);
    const customer = await t.db.message.count({ where: { conversation: { channelUserId: "1212" }, role: "customer" } });
    expect(customer).toBe(33); // nothing the customer wrote is lost
    // another sender is not affected
    await postTelegram(textUpdate(1313, 1, "Hola"));
    await drain();
    expect(telegram.sent.filter((m) => m.chatId === "1313")).toHaveLength(1);
  });

  it("with the bot off for everyone, a channel customer is told once, not on every message", async () => {
    await t.db.setting.upsert({
      where: { key: "bot.global" },
      create: { key: "bot.global", value: JSON.stringify({ enabled: false, reason: "inventario" }) },
      update: { value: JSON.stringify({ enabled: false, reason: "inventario" }) },
    });
    for (let i = 1; i <= 3; i++) await postTelegram(textUpdate(1414, i, `mensaje ${i}`));
    await drain();
    const mine = telegram.sent.filter((m) => m.chatId === "1414");
    expect(mine.map((m) => m.text)).toEqual([
      "Un asesor de nuestro equipo está atendiendo esta conversación y te responderá en breve. ¡Gracias por tu paciencia!",
    ]);
    await t.db.setting.delete({ where: { key: "bot.global" } });
  });

  it("a message over 1000 characters is kept and the customer asked to split it", async () => {
    const long = `Necesito cotizar lo siguiente: ${"casco blanco, ".repeat(90)}`;
    await postTelegram(textUpdate(1515, 1, long));
    await drain();
    expect(telegram.sent.at(-1)?.text).toMatch(/menos de 1000 caracteres/);
    const stored = await t.db.message.findFirstOrThrow({
      where: { conversation: { channelUserId: "1515" }, role: "customer" },
    });
    expect(stored.text).toBe(long.trim());
  });
});

describe("answers split to the providers' limits", () => {
  const paragraph = "Casco de seguridad tipo I clase E blanco con suspensión de 4 puntos × $ 38.500. ";
  const answer = Array.from({ length: 30 }, (_, i) => `${i + 1}. ${paragraph}`).join("\n");

  it("splits at line boundaries without losing text", () => {
    const parts = splitText(answer, 1000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    // each part ends at the end of a line, and together they are the whole answer
    expect(parts.every((p) => p.endsWith("38.500."))).toBe(true);
    const lines = (text: string) => text.split("\n").map((l) => l.trim());
    expect(parts.flatMap(lines)).toEqual(lines(answer));
  });

  it("puts WhatsApp's buttons on a last part short enough for an interactive message", () => {
    const rows = replyRows({
      channel: "whatsapp",
      chatId: "wa-x",
      recipient: "573000000000",
      text: answer,
      confirm: true,
      dedupePrefix: "t",
      messageId: null,
    });
    const last = rows.at(-1)?.payload;
    expect(last).toMatchObject({ buttons: [{ id: "confirmar" }, { id: "cambiar" }] });
    expect(last?.type === "text" && last.text.length).toBeLessThanOrEqual(1000);
    expect(rows.slice(0, -1).every((r) => r.payload.type === "text" && !r.payload.buttons)).toBe(true);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
  });
});

describe("configuration", () => {
  it("reads the channel settings by the names in the issue, with the providers' default addresses", () => {
    const config = loadEnv({
      TELEGRAM_BOT_TOKEN: "123:abc",
      TELEGRAM_WEBHOOK_SECRET: "s3cr3t_-ok",
      WHATSAPP_ACCESS_TOKEN: "EAAG",
      WHATSAPP_APP_SECRET: "app",
      WHATSAPP_VERIFY_TOKEN: "verify",
      WHATSAPP_PHONE_NUMBER_ID: "1065",
    });
    expect(config).toMatchObject({
      TELEGRAM_BOT_TOKEN: "123:abc",
      TELEGRAM_WEBHOOK_SECRET: "s3cr3t_-ok",
      TELEGRAM_API_BASE_URL: "https://api.telegram.org",
      WHATSAPP_ACCESS_TOKEN: "EAAG",
      WHATSAPP_APP_SECRET: "app",
      WHATSAPP_VERIFY_TOKEN: "verify",
      WHATSAPP_PHONE_NUMBER_ID: "1065",
      WHATSAPP_API_BASE_URL: expect.stringMatching(/^https:\/\/graph\.facebook\.com\/v\d+\.\d+$/),
    });
  });

  it("refuses a Telegram secret Telegram itself would refuse", () => {
    expect(() => loadEnv({ TELEGRAM_WEBHOOK_SECRET: "con espacios" })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it("production refuses a channel that could not check who is calling", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) };
    expect(productionProblems({ ...base, WHATSAPP_ACCESS_TOKEN: "EAAG" })).toEqual([
      "WHATSAPP_APP_SECRET is required when WHATSAPP_ACCESS_TOKEN is set.",
      "WHATSAPP_VERIFY_TOKEN is required when WHATSAPP_ACCESS_TOKEN is set.",
      "WHATSAPP_PHONE_NUMBER_ID is required when WHATSAPP_ACCESS_TOKEN is set.",
    ]);
    expect(productionProblems({ ...base, TELEGRAM_BOT_TOKEN: "1:a" })).toEqual([
      "TELEGRAM_WEBHOOK_SECRET is required for the Telegram webhook (or set TELEGRAM_MODE=polling).",
    ]);
    expect(productionProblems({ ...base, TELEGRAM_BOT_TOKEN: "1:a", TELEGRAM_MODE: "polling" })).toEqual([]);
  });
});
