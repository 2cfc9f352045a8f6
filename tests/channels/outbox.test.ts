import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ChannelWorker, startChannelWorkers } from "@/lib/channels/worker";
import { enqueueOutbox, type NewOutbox } from "@/lib/db/channel-events";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram } from "./fake-telegram";
import { type FakeWhatsapp, startFakeWhatsapp } from "./fake-whatsapp";
import { configureChannels, TG, WA, waitFor } from "./helpers";

// The outbox when providers misbehave: outages and throttling are retried with backoff until the provider takes
// the messages, in the order they were written; a customer's stuck message does not hold up other customers; a
// permanent refusal or exhausted retries fail visibly; two workers (two instances) never send a message twice.
describe.each(FLAVOURS)("outbox deliveries on %s", (flavour) => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;
  const workers: ChannelWorker[] = [];
  let seq = 0;

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  async function customer(channel: "telegram" | "whatsapp", id: string) {
    const conversation = await t.db.conversation.create({
      data: { chatId: `${channel}-${flavour}-${id}`, channel, channelUserId: id },
    });
    // WhatsApp's 24-hour window is open: the customer wrote a moment ago
    await t.db.message.create({ data: { conversationId: conversation.id, role: "customer", text: "hola" } });
    return conversation;
  }

  function texts(channel: "telegram" | "whatsapp", chatId: string, recipient: string, lines: string[]): NewOutbox[] {
    return lines.map((text) => ({
      channel,
      chatId,
      recipient,
      ordered: true,
      dedupeKey: `test:${seq++}`,
      payload: { type: "text", text, author: "staff" },
    }));
  }

  const work = (count = 1) => {
    for (let i = 0; i < count; i++) workers.push(startChannelWorkers({ intervalMs: 15, polling: false }));
  };

  it("Telegram down, then throttling: retried with backoff until sent, in order", async () => {
    const c = await customer("telegram", "5001");
    telegram.failNext("sendMessage", 2, telegram.serverError(), "5001");
    telegram.failNext("sendMessage", 1, telegram.tooManyRequests(1), "5001");
    await enqueueOutbox(texts("telegram", c.chatId, "5001", ["primero", "segundo", "tercero"]));
    const started = Date.now();
    work();
    await waitFor(async () => (await t.db.outboxMessage.count({ where: { chatId: c.chatId, status: "done" } })) === 3);
    expect(telegram.sent.filter((m) => m.chatId === "5001").map((m) => m.text)).toEqual([
      "primero",
      "segundo",
      "tercero",
    ]);
    // Telegram asked for one second; the worker waited at least that long before the successful attempt
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const rows = await t.db.outboxMessage.findMany({ where: { chatId: c.chatId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["done", 4],
      ["done", 1],
      ["done", 1],
    ]);
  });

  it("WhatsApp throttled and failing: retried until sent, in order", async () => {
    const c = await customer("whatsapp", "573000000111");
    whatsapp.failNext(2, whatsapp.rateLimited());
    whatsapp.failNext(1, whatsapp.serverError());
    await enqueueOutbox(texts("whatsapp", c.chatId, "573000000111", ["uno", "dos", "tres"]));
    work();
    await waitFor(async () => (await t.db.outboxMessage.count({ where: { chatId: c.chatId, status: "done" } })) === 3);
    expect(whatsapp.messages.filter((m) => m.to === "573000000111").map((m) => m.text)).toEqual(["uno", "dos", "tres"]);
    const first = await t.db.outboxMessage.findFirstOrThrow({ where: { chatId: c.chatId }, orderBy: { id: "asc" } });
    expect(first).toMatchObject({ attempts: 4, status: "done", deliveryStatus: "sent" });
  });

  it("one customer's failing message does not hold up another customer's", async () => {
    const stuck = await customer("telegram", "5002");
    const other = await customer("telegram", "5003");
    telegram.failNext("sendMessage", 1000, telegram.serverError(), "5002");
    await enqueueOutbox(texts("telegram", stuck.chatId, "5002", ["atascado"]));
    await enqueueOutbox(texts("telegram", other.chatId, "5003", ["para el otro cliente"]));
    work();
    await waitFor(() => telegram.sent.find((m) => m.chatId === "5003"));
    const head = await waitFor(() =>
      t.db.outboxMessage.findFirst({ where: { chatId: stuck.chatId, attempts: { gte: 2 } } }),
    );
    expect(["pending", "working"]).toContain(head.status);
    expect(head.lastError).toMatch(/502/);
    expect(telegram.sent.some((m) => m.chatId === "5002")).toBe(false);
  });

  it("a permanent refusal fails at once, shows in the conversation, and the next message still goes", async () => {
    const c = await customer("telegram", "5004");
    telegram.failNext("sendMessage", 1, telegram.blocked(), "5004");
    await enqueueOutbox(texts("telegram", c.chatId, "5004", ["no llega", "sí llega"]));
    work();
    await waitFor(() => telegram.sent.find((m) => m.text === "sí llega"));
    const failed = await t.db.outboxMessage.findFirstOrThrow({ where: { chatId: c.chatId, status: "failed" } });
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/403.*blocked by the user/) });
    const notice = await waitFor(() => t.db.message.findFirst({ where: { conversationId: c.id, role: "system" } }));
    expect(notice.text).toMatch(/^No se pudo entregar por Telegram: «no llega»/);
  });

  it("gives up after CHANNEL_MAX_ATTEMPTS and says so in the conversation", async () => {
    configureChannels({ telegram, whatsapp }, { CHANNEL_MAX_ATTEMPTS: "3" });
    try {
      const c = await customer("telegram", "5005");
      telegram.failNext("sendMessage", 3, telegram.serverError(), "5005");
      await enqueueOutbox(texts("telegram", c.chatId, "5005", ["nunca"]));
      work();
      const row = await waitFor(() => t.db.outboxMessage.findFirst({ where: { chatId: c.chatId, status: "failed" } }));
      expect(row.attempts).toBe(3);
      await waitFor(() => t.db.message.findFirst({ where: { conversationId: c.id, role: "system" } }));
      expect(telegram.sent.some((m) => m.text === "nunca")).toBe(false);
    } finally {
      configureChannels({ telegram, whatsapp });
    }
  });

  it("two workers share the queue: every message once, each customer's in order", async () => {
    const a = await customer("telegram", "5006");
    const b = await customer("whatsapp", "573000000222");
    const linesA = Array.from({ length: 8 }, (_, i) => `A${i}`);
    const linesB = Array.from({ length: 8 }, (_, i) => `B${i}`);
    telegram.failNext("sendMessage", 2, telegram.serverError(), "5006");
    await enqueueOutbox([
      ...texts("telegram", a.chatId, "5006", linesA),
      ...texts("whatsapp", b.chatId, "573000000222", linesB),
    ]);
    work(2);
    await waitFor(() => telegram.sent.filter((m) => m.chatId === "5006").length >= 8);
    await waitFor(() => whatsapp.messages.filter((m) => m.to === "573000000222").length >= 8);
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would show up by now
    expect(telegram.sent.filter((m) => m.chatId === "5006").map((m) => m.text)).toEqual(linesA);
    expect(whatsapp.messages.filter((m) => m.to === "573000000222").map((m) => m.text)).toEqual(linesB);
  });
});

describe("an event that cannot be answered", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let worker: ChannelWorker | null = null;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    configureChannels({ telegram }, { CHANNEL_MAX_ATTEMPTS: "2" });
  });
  afterAll(async () => {
    await worker?.stop();
    await telegram?.close();
    await t?.drop();
    configureChannels({});
  });

  it("is retried, then fails for good: the customer is told and the conversation asks for a person", async () => {
    const conversation = await t.db.conversation.create({
      data: { chatId: "tg-unanswerable", channel: "telegram", channelUserId: "7777" },
    });
    // a stored event whose payload no version of the worker can read
    await t.db.channelEvent.create({
      data: { channel: "telegram", externalId: "m:7777:1", orderKey: "telegram:7777", kind: "text", payload: "{" },
    });
    worker = startChannelWorkers({ intervalMs: 15, polling: false });
    const event = await waitFor(() =>
      t.db.channelEvent.findFirst({ where: { externalId: "m:7777:1", status: "failed" } }),
    );
    expect(event.attempts).toBe(2);
    const told = await waitFor(() => telegram.sent.find((m) => m.chatId === "7777"));
    expect(told.text).toMatch(/^Tuvimos un problema para responder tu mensaje/);
    const flagged = await t.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(flagged.attentionReason).toBe("mensaje_sin_respuesta");
  });
});

describe.each(FLAVOURS)("claiming after a long outage on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("finds due messages behind more waiting customers than one query may bind", async () => {
    const { claimDue } = await import("@/lib/db/channel-queue");
    const later = new Date(Date.now() + 3_600_000);
    // 1 500 customers with two messages each; the first 1 400 customers' heads are backing off
    const rows = Array.from({ length: 3_000 }, (_, i) => {
      const customer = i % 1_500;
      return {
        channel: "telegram",
        chatId: `tg-backlog-${customer}`,
        recipient: String(customer),
        orderKey: `telegram:${customer}`,
        kind: "text",
        payload: '{"type":"text","text":"hola","author":"bot"}',
        dedupeKey: `backlog-${i}`,
        nextAttemptAt: customer < 1_400 ? later : new Date(0),
      };
    });
    for (let i = 0; i < rows.length; i += 500) await t.db.outboxMessage.createMany({ data: rows.slice(i, i + 500) });
    const ids = await claimDue("outboxMessage", { owner: "w1", leaseMs: 60_000, limit: 20 });
    expect(ids).toHaveLength(20);
    const claimed = await t.db.outboxMessage.findMany({ where: { id: { in: ids } } });
    // only heads (each customer's first message) of customers not backing off
    expect(claimed.every((r) => Number(r.recipient) >= 1_400 && Number(r.dedupeKey?.split("-")[1]) < 1_500)).toBe(true);
    expect(new Set(claimed.map((r) => r.orderKey)).size).toBe(20);
  });
});
