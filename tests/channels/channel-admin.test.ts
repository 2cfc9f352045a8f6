import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerTelegramWebhook, retryDelivery } from "@/lib/channels/admin";
import { channelOverview, conversationDelivery } from "@/lib/channels/status";
import { enqueueOutbox } from "@/lib/db/channel-events";
import { staffPrincipal } from "../console/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { type FakeWhatsapp, startFakeWhatsapp } from "./fake-whatsapp";
import { configureChannels, drain, postTelegram, TG, WA } from "./helpers";

// What the administrator sees and does on the Canales page, against the providers' fakes: status as the provider
// reports it, the webhook registration, and sending a failed message again.
describe("the channels console", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp }, { PUBLIC_BASE_URL: "https://tienda.sextinvalle.example" });
  });
  afterAll(async () => {
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  it("shows each channel as its provider reports it, with the webhook URL and what is missing", async () => {
    const tg = await channelOverview("telegram", "http://ignored.local");
    expect(tg).toMatchObject({
      configured: true,
      missing: [],
      webhookUrl: "https://tienda.sextinvalle.example/api/channels/telegram",
      registeredWebhook: "",
    });
    expect(tg.check?.ok && tg.check.lines).toContainEqual(["Bot", "@sextinvalle_bot"]);
    const wa = await channelOverview("whatsapp", null);
    expect(wa.check?.ok && wa.check.lines).toContainEqual(["Nombre verificado", "Sextinvalle Ltda"]);

    configureChannels({ whatsapp }, { PUBLIC_BASE_URL: "https://tienda.sextinvalle.example" });
    const off = await channelOverview("telegram", null);
    expect(off).toMatchObject({
      configured: false,
      check: null,
      missing: ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"],
    });
    configureChannels({ telegram, whatsapp }, { PUBLIC_BASE_URL: "https://tienda.sextinvalle.example" });
  });

  it("says, in Spanish, when the provider does not answer", async () => {
    configureChannels({ telegram, whatsapp }, { TELEGRAM_API_BASE_URL: "http://127.0.0.1:1" });
    const tg = await channelOverview("telegram", null);
    expect(tg.check).toEqual({ ok: false, error: "No se pudo conectar con Telegram." });
    configureChannels({ telegram, whatsapp }, { PUBLIC_BASE_URL: "https://tienda.sextinvalle.example" });
  });

  it("registers the webhook with Telegram: our https URL, the secret, the updates we handle", async () => {
    const admin = await staffPrincipal(t.db, "admin");
    expect(await registerTelegramWebhook(null, admin)).toEqual({
      url: "https://tienda.sextinvalle.example/api/channels/telegram",
    });
    const call = telegram.calls.find((c) => c.method === "setWebhook");
    expect(call?.body).toEqual({
      url: "https://tienda.sextinvalle.example/api/channels/telegram",
      secret_token: TG.secret,
      allowed_updates: ["message", "callback_query"],
      drop_pending_updates: false,
    });
    expect((await channelOverview("telegram", null)).registeredWebhook).toBe(call?.body.url);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "channel.webhook.register" } });
    expect(audit.actorId).toBe(admin.id);
  });

  it("refuses a plain-http address, which Telegram would not deliver to", async () => {
    configureChannels({ telegram, whatsapp });
    const admin = await staffPrincipal(t.db, "admin");
    await expect(registerTelegramWebhook("http://localhost:3000", admin)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/https:\/\/.*PUBLIC_BASE_URL/),
    });
    configureChannels({ telegram, whatsapp }, { PUBLIC_BASE_URL: "https://tienda.sextinvalle.example" });
  });

  it("sends a failed message again on request, and the conversation panel follows it", async () => {
    const ventas = await staffPrincipal(t.db, "ventas");
    await postTelegram(textUpdate(3131, 1, "Hola"));
    await drain();
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "3131" } });
    telegram.failNext("sendMessage", 1, telegram.blocked(), "3131");
    await enqueueOutbox([
      {
        channel: "telegram",
        chatId: conversation.chatId,
        recipient: "3131",
        ordered: true,
        dedupeKey: "admin-test-1",
        payload: { type: "text", text: "¿Le separo los cascos?", author: "staff" },
      },
    ]);
    await drain();
    const failed = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: "admin-test-1" } });
    expect(failed.status).toBe("failed");
    const panel = await conversationDelivery(conversation.chatId, "telegram");
    expect(panel.undelivered).toMatchObject([{ id: failed.id, status: "failed", text: "¿Le separo los cascos?" }]);

    await retryDelivery(failed.id, ventas);
    await drain();
    expect(telegram.sent.at(-1)?.text).toBe("¿Le separo los cascos?");
    expect((await conversationDelivery(conversation.chatId, "telegram")).undelivered).toEqual([]);
    await expect(retryDelivery(failed.id, ventas)).rejects.toMatchObject({ code: "conflict" });
  });

  it("tells how long WhatsApp's window stays open for a conversation", async () => {
    const conversation = await t.db.conversation.create({
      data: { chatId: "wa-window", channel: "whatsapp", channelUserId: "573005556677" },
    });
    expect(await conversationDelivery(conversation.chatId, "whatsapp")).toMatchObject({
      windowOpen: false,
      windowEndsAt: null,
    });
    const wrote = new Date(Date.now() - 3 * 3_600_000);
    await t.db.message.create({
      data: { conversationId: conversation.id, role: "customer", text: "hola", createdAt: wrote },
    });
    const open = await conversationDelivery(conversation.chatId, "whatsapp");
    expect(open.windowOpen).toBe(true);
    expect(open.windowEndsAt?.getTime()).toBe(wrote.getTime() + 24 * 3_600_000);
  });
});
