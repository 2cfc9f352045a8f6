import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChannelWorker, startChannelWorkers } from "@/lib/channels/worker";
import { publishMessage } from "@/lib/console/inbox-events";
import { postStaffReply, releaseConversation, takeOverConversation, takeoverNotice } from "@/lib/db/inbox";
import { createMemoryBus, type RealtimeEvent } from "@/lib/realtime/bus";
import { staffPrincipal } from "../console/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { type FakeWhatsapp, inboundMessage, startFakeWhatsapp, textMessage } from "./fake-whatsapp";
import { configureChannels, drain, postTelegram, postWhatsapp, TG, WA, waitFor } from "./helpers";

// One inbox: channel customers appear live in the console like web customers; when a person takes over, the bot
// goes quiet and what staff write in the console reaches the customer through the channel. WhatsApp's 24-hour
// window is respected: a late reply goes out as the configured template, or shows in the conversation as undelivered.
describe.each(FLAVOURS)("takeover through the channels on %s", (flavour) => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;
  let worker: ChannelWorker;
  const events: RealtimeEvent[] = [];

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const bus = createMemoryBus();
    (globalThis as { __sextinvalleBus?: unknown }).__sextinvalleBus = bus;
    bus.subscribe((e) => events.push(e));
    telegram = await startFakeTelegram(TG.token);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp }, { WHATSAPP_TEMPLATE_NAME: "seguimiento_pedido" });
    // the timer is too slow to matter: deliveries in this test happen because something kicked the worker
    worker = startChannelWorkers({ intervalMs: 60_000, polling: false });
  });
  afterAll(async () => {
    await worker?.stop();
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  it("a Telegram customer shows up live in the inbox; staff take over, reply, and the reply reaches Telegram", async () => {
    const ventas = await staffPrincipal(t.db, "ventas");
    await postTelegram(textUpdate(4040, 1, "Hola, necesito hablar con alguien de ventas"));
    const answered = await waitFor(() => telegram.sent.find((m) => m.chatId === "4040"));
    expect(answered.text.length).toBeGreaterThan(10);
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "4040" } });
    const live = events.filter((e) => e.type === "message" && e.chatId === conversation.chatId);
    expect(
      live.map((e) =>
        e.type === "message" ? [e.message.role, (e.message.metadata as { canal?: string })?.canal] : null,
      ),
    ).toEqual([
      ["customer", "telegram"],
      ["assistant", undefined],
    ]);

    const notice = await takeOverConversation(conversation.chatId, ventas, null);
    await publishMessage(conversation.chatId, notice);
    await waitFor(() => telegram.sent.find((m) => m.text === takeoverNotice(ventas.name)));

    // while a person attends, the customer's message is stored and shown, and the bot says nothing
    const before = telegram.sent.length;
    await postTelegram(textUpdate(4040, 2, "¿Me pueden dar precio por volumen?"));
    await waitFor(
      async () => (await t.db.channelEvent.count({ where: { status: "done", orderKey: "telegram:4040" } })) === 2,
    );
    expect(telegram.sent.length).toBe(before);
    expect(events.some((e) => e.type === "message" && e.message.text === "¿Me pueden dar precio por volumen?")).toBe(
      true,
    );

    const reply = await postStaffReply(
      conversation.chatId,
      "Claro, para 100 unidades te dejamos el casco en $ 35.000.",
      ventas,
    );
    await publishMessage(conversation.chatId, reply);
    const delivered = await waitFor(() => telegram.sent.find((m) => m.text.startsWith("Claro, para 100 unidades")));
    expect(delivered).toMatchObject({ chatId: "4040", parseMode: "MarkdownV2" });
    expect(delivered.raw).toContain("$ 35\\.000\\.");
    const row = await waitFor(() => t.db.outboxMessage.findFirst({ where: { messageId: reply.id, status: "done" } }));
    expect(row).toMatchObject({ channel: "telegram", recipient: "4040", providerMessageId: expect.any(String) });

    const release = await releaseConversation(conversation.chatId, ventas, null);
    await publishMessage(conversation.chatId, release);
    await waitFor(() => telegram.sent.find((m) => m.text === release.text));
  });

  it("a WhatsApp staff reply inside the 24-hour window goes out as text", async () => {
    const ventas = await staffPrincipal(t.db, "ventas");
    await postWhatsapp(inboundMessage(WA.phoneNumberId, "573201234567", textMessage(`wamid.to-${flavour}-1`, "Hola")));
    await waitFor(() => whatsapp.messages.find((m) => m.to === "573201234567"));
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "573201234567" } });
    await takeOverConversation(conversation.chatId, ventas, null);
    const reply = await postStaffReply(conversation.chatId, "Le escribe Marta, de ventas.", ventas);
    await publishMessage(conversation.chatId, reply);
    const sent = await waitFor(() => whatsapp.messages.find((m) => m.text === "Le escribe Marta, de ventas."));
    expect(sent.type).toBe("text");
  });

  it("after 24 hours a WhatsApp staff reply goes out as the configured template", async () => {
    const ventas = await staffPrincipal(t.db, "ventas");
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "573201234567" } });
    await t.db.message.updateMany({
      where: { conversationId: conversation.id, role: "customer" },
      data: { createdAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    const reply = await postStaffReply(conversation.chatId, "Su pedido salió hoy.\nLlega mañana.", ventas);
    await publishMessage(conversation.chatId, reply);
    const sent = await waitFor(() => whatsapp.messages.find((m) => m.type === "template"));
    expect(sent.template).toEqual({
      name: "seguimiento_pedido",
      language: "es",
      parameters: ["Su pedido salió hoy. · Llega mañana."],
    });
  });

  it("without a template, a reply after 24 hours is shown in the conversation as undelivered", async () => {
    configureChannels({ telegram, whatsapp });
    const ventas = await staffPrincipal(t.db, "ventas");
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "573201234567" } });
    const reply = await postStaffReply(conversation.chatId, "¿Sigue interesado en las botas?", ventas);
    await publishMessage(conversation.chatId, reply);
    const row = await waitFor(() => t.db.outboxMessage.findFirst({ where: { messageId: reply.id, status: "failed" } }));
    expect(row.lastError).toMatch(/24 horas/);
    const notice = await waitFor(() =>
      t.db.message.findFirst({
        where: { conversationId: conversation.id, role: "system", metadata: { contains: "entrega_fallida" } },
      }),
    );
    expect(notice.text).toMatch(
      /^No se pudo entregar por WhatsApp: «¿Sigue interesado en las botas\?»\. Motivo: .*24 horas/,
    );
    const flagged = await t.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(flagged.attentionReason).toBe("entrega_fallida");
    expect(
      events.some((e) => e.type === "message" && e.message.role === "system" && e.message.text === notice.text),
    ).toBe(true);
    expect(whatsapp.messages.some((m) => m.text.includes("Sigue interesado"))).toBe(false);
  });

  it("a web conversation's staff reply queues nothing for the channels", async () => {
    const ventas = await staffPrincipal(t.db, "ventas");
    const web = await t.db.conversation.create({
      data: { chatId: `web-${flavour}`, channel: "web", botEnabled: false },
    });
    const before = await t.db.outboxMessage.count();
    await postStaffReply(web.chatId, "Hola desde la consola", ventas);
    await drain();
    expect(await t.db.outboxMessage.count()).toBe(before);
  });
});
