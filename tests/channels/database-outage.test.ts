import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOnce, workerId } from "@/lib/channels/worker";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { type FakeWhatsapp, inboundMessage, startFakeWhatsapp, textMessage } from "./fake-whatsapp";
import { configureChannels, drain, postTelegram, postWhatsapp, TG, WA } from "./helpers";
import { freePort, startRelay } from "./tcp-relay";

// Nothing is lost when our database is briefly down: the webhooks answer 503 (a stable code, no stack trace) so the
// provider delivers again; events stored before the outage are answered once the database is back. PostgreSQL is
// reached through a relay on a port of this test, and the outage is that relay stopping.
describe("channel webhooks while PostgreSQL is down", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;
  let relay: { stop: () => Promise<void> } | null = null;
  let port: number;
  const target = { host: "127.0.0.1", port: 5432 };

  beforeAll(async () => {
    t = await freshDatabase("postgres");
    const url = new URL(t.url);
    target.host = url.hostname;
    target.port = Number(url.port || 5432);
    port = await freePort();
    url.host = `127.0.0.1:${port}`;
    relay = await startRelay(port, target);
    useDatabaseForApp(url.toString());
    telegram = await startFakeTelegram(TG.token);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp });
  });
  afterAll(async () => {
    await relay?.stop();
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  it("answers 503 during the outage, and the provider's next attempt is taken once it is over", async () => {
    // an event stored before the outage, not yet processed
    expect((await postTelegram(textUpdate(6060, 1, "Hola, ¿tienen botas de seguridad?"))).status).toBe(200);
    await relay?.stop();
    relay = null;

    const update = textUpdate(6060, 2, "¿Y en talla 40?");
    const tg = await postTelegram(update);
    expect(tg.status).toBe(503);
    expect(tg.body.error).toMatchObject({
      code: "base_de_datos_no_disponible",
      message: expect.stringMatching(/reintentará/),
    });
    const waPayload = inboundMessage(WA.phoneNumberId, "573151112222", textMessage("wamid.outage-1", "Hola"));
    const wa = await postWhatsapp(waPayload);
    expect(wa.status).toBe(503);
    expect(JSON.stringify(wa.body)).not.toMatch(/at .*\.ts|prisma|ECONNREFUSED/i);
    // the worker's pass fails too, without losing anything
    await expect(drainOnce(workerId())).rejects.toBeDefined();
    expect(telegram.sent).toHaveLength(0);

    relay = await startRelay(port, target);
    expect((await postTelegram(update)).status).toBe(200); // Telegram's retry
    expect((await postWhatsapp(waPayload)).status).toBe(200);
    await drain();
    expect(telegram.sent.map((m) => m.chatId)).toEqual(["6060", "6060"]);
    expect(whatsapp.messages.map((m) => m.to)).toEqual(["573151112222"]);
    const messages = await t.db.message.findMany({
      where: { conversation: { channelUserId: "6060" }, role: "customer" },
      orderBy: { id: "asc" },
    });
    expect(messages.map((m) => m.text)).toEqual(["Hola, ¿tienen botas de seguridad?", "¿Y en talla 40?"]);
  });
});

describe("channel webhooks when the SQLite file cannot be opened", () => {
  let telegram: FakeTelegram;
  beforeAll(async () => {
    useDatabaseForApp("file:/nonexistent-dir-for-sextinvalle-tests/db.sqlite");
    telegram = await startFakeTelegram(TG.token);
    configureChannels({ telegram });
  });
  afterAll(async () => {
    await telegram?.close();
  });

  it("answers 503 with a stable code", async () => {
    const res = await postTelegram(textUpdate(6061, 1, "hola"));
    expect(res).toMatchObject({ status: 503, body: { error: { code: "base_de_datos_no_disponible" } } });
  });
});
