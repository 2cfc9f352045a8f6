import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { type FakeWhatsapp, inboundMessage, sign, startFakeWhatsapp, textMessage } from "./fake-whatsapp";
import { configureChannels, drain, postTelegram, postWhatsapp, WA } from "./helpers";

// Who may deliver, and how often a delivery counts: a wrong Telegram secret or WhatsApp signature is refused with
// nothing stored; a delivery the provider repeats (three times) makes exactly one turn and one answer.
async function counts(t: TestDatabase) {
  const [events, messages, outbox, conversations] = await Promise.all([
    t.db.channelEvent.count(),
    t.db.message.count(),
    t.db.outboxMessage.count(),
    t.db.conversation.count(),
  ]);
  return { events, messages, outbox, conversations };
}

describe.each(FLAVOURS)("channel webhooks on %s", (flavour) => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram("7000000001:AAH-test-token_abcdefghijklmnopqrstuv");
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp });
  });
  afterAll(async () => {
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  it("refuses a Telegram update without the secret token, or with a wrong one, storing nothing", async () => {
    const before = await counts(t);
    for (const secret of [null, "wrong-secret", "tg-webhook-secret_012345678"]) {
      const res = await postTelegram(textUpdate(111, 1, "hola"), secret);
      expect(res.status, String(secret)).toBe(401);
      expect(res.body.error).toMatchObject({ code: "secreto_invalido", message: expect.stringMatching(/secreto/) });
    }
    await drain();
    expect(await counts(t)).toEqual(before);
    expect(telegram.sent).toHaveLength(0);
  });

  it("refuses a WhatsApp delivery whose signature is missing, malformed, or made with another secret", async () => {
    const before = await counts(t);
    const payload = inboundMessage(WA.phoneNumberId, "573001112233", textMessage("wamid.bad-1", "hola"));
    const body = JSON.stringify(payload);
    const forged = [null, "sha256=abc", sign(body, "another-secret"), sign(`${body} `, WA.appSecret)];
    for (const signature of forged) {
      const res = await postWhatsapp(payload, signature);
      expect(res.status, String(signature)).toBe(401);
      expect(res.body.error?.code).toBe("firma_invalida");
    }
    await drain();
    expect(await counts(t)).toEqual(before);
    expect(whatsapp.messages).toHaveLength(0);
  });

  it("refuses a signed body that is not JSON with a Spanish 400, storing nothing", async () => {
    const before = await counts(t);
    const res = await postWhatsapp("{not json", sign(JSON.stringify("{not json"), WA.appSecret));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/no tiene la forma esperada|no es un JSON/);
    expect(await counts(t)).toEqual(before);
  });

  it("a Telegram update delivered three times makes one turn and one answer", async () => {
    const update = textUpdate(222, 7, "¿Tienen cascos blancos?");
    for (let i = 0; i < 3; i++) expect((await postTelegram(update)).status).toBe(200);
    await drain();
    await postTelegram(update); // a late retry, after the turn ran
    await drain();
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "222" } });
    const messages = await t.db.message.findMany({ where: { conversationId: conversation.id } });
    expect(messages.map((m) => m.role)).toEqual(["customer", "assistant"]);
    expect(telegram.sent.filter((m) => m.chatId === "222")).toHaveLength(1);
    expect(await t.db.channelEvent.count({ where: { channel: "telegram" } })).toBe(1);
  });

  it("a WhatsApp message delivered three times makes one turn, one answer and one read receipt", async () => {
    const payload = inboundMessage(
      WA.phoneNumberId,
      "573004445566",
      textMessage("wamid.repeated-1", "Hola, ¿venden botas?"),
    );
    await Promise.all([postWhatsapp(payload), postWhatsapp(payload), postWhatsapp(payload)]);
    await drain();
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "573004445566" } });
    const messages = await t.db.message.findMany({ where: { conversationId: conversation.id } });
    expect(messages.map((m) => m.role)).toEqual(["customer", "assistant"]);
    expect(whatsapp.messages.filter((m) => m.to === "573004445566")).toHaveLength(1);
    expect(whatsapp.reads).toEqual(["wamid.repeated-1"]);
  });

  it("answers 404 with a stable code when a channel is not configured", async () => {
    configureChannels({});
    try {
      const tg = await postTelegram(textUpdate(333, 1, "hola"));
      expect(tg).toMatchObject({ status: 404, body: { error: { code: "canal_no_configurado" } } });
      const wa = await postWhatsapp(inboundMessage(WA.phoneNumberId, "573009990000", textMessage("wamid.x", "hola")));
      expect(wa).toMatchObject({ status: 404, body: { error: { code: "canal_no_configurado" } } });
    } finally {
      configureChannels({ telegram, whatsapp });
    }
  });
});

describe("a worker that dies after the turn, before its bookkeeping", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram("7000000001:AAH-test-token_abcdefghijklmnopqrstuv");
    configureChannels({ telegram });
  });
  afterAll(async () => {
    await telegram?.close();
    await t?.drop();
  });

  it("leaves an event another worker picks up: the stored turn is answered, not run again", async () => {
    await postTelegram(textUpdate(4444, 1, "¿Cuánto vale el casco dieléctrico?"));
    await drain();
    const first = telegram.sent.filter((m) => m.chatId === "4444");
    expect(first).toHaveLength(1);
    // as if the worker had died right after the turn: its answer never queued, the event still leased to it
    const event = await t.db.channelEvent.findFirstOrThrow({ where: { orderKey: "telegram:4444" } });
    await t.db.outboxMessage.deleteMany({ where: { dedupeKey: { startsWith: `reply:${event.id}:` } } });
    await t.db.channelEvent.update({
      where: { id: event.id },
      data: { status: "working", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1000), finishedAt: null },
    });
    await drain();
    const messages = await t.db.message.findMany({ where: { conversation: { channelUserId: "4444" } } });
    expect(messages.map((m) => m.role)).toEqual(["customer", "assistant"]);
    const again = telegram.sent.filter((m) => m.chatId === "4444");
    expect(again).toHaveLength(2);
    expect(again[1]?.text).toBe(first[0]?.text);
    expect(await t.db.channelEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });
});
