import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMarkdownV2 } from "@/lib/channels/telegram/markdown";
import { pollOnce } from "@/lib/channels/telegram/polling";
import { workerId } from "@/lib/channels/worker";
import { acquireLease } from "@/lib/db/channel-state";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, parseMarkdownV2, startFakeTelegram, textUpdate } from "./fake-telegram";
import { configureChannels, drain, postTelegram, TG } from "./helpers";

// Telegram specifics: answers written by any model survive MarkdownV2 (checked by a parser as strict as
// Telegram's), a refusal to parse still delivers the text plainly, and long polling stores updates like the
// webhook does, confirming them with the offset.
describe("MarkdownV2", () => {
  const samples = [
    "Casco tipo I (CAB-001) × $ 38.500 = $ 192.500. ¡Listo!",
    "Dirección: Calle 5 # 38-25, Cali; ref_pedido: SV-2026-000123 [urgente] {nota} | ok ~ `x` > y + z",
    "Te recomiendo el **Casco dieléctrico** y las **Gafas antiempañantes** (2 pares).",
    "Precio: **$ 39.000** c/u. Descuento *especial* no aplica.",
    "Un \\ backslash y un ** suelto",
  ];
  it.each(samples)("%s is accepted by Telegram and reads the same", (text) => {
    const parsed = parseMarkdownV2(toMarkdownV2(text));
    expect(parsed).not.toHaveProperty("error");
    expect((parsed as { plain: string }).plain).toBe(text.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "$1"));
  });

  it("turns the agent's **bold** into Telegram bold", () => {
    expect(toMarkdownV2("el **Casco dieléctrico** hoy")).toBe("el *Casco dieléctrico* hoy");
  });
});

describe("Telegram delivery and polling", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    configureChannels({ telegram }, { TELEGRAM_MODE: "polling" });
  });
  afterAll(async () => {
    await telegram?.close();
    await t?.drop();
  });

  it("when Telegram refuses the entities, the same text goes out without markup", async () => {
    telegram.failNext("sendMessage", 1, {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag" },
    });
    await postTelegram(textUpdate(9090, 1, "¿Qué horario tienen?"));
    await drain();
    const sends = telegram.calls.filter((c) => c.method === "sendMessage" && String(c.body.chat_id) === "9090");
    expect(sends).toHaveLength(2);
    expect(sends[0]?.body.parse_mode).toBe("MarkdownV2");
    expect(sends[1]?.body.parse_mode).toBeUndefined();
    expect(telegram.sent.at(-1)?.text).toBe(sends[1]?.body.text);
  });

  it("long polling stores updates, answers them, and confirms them with the offset", async () => {
    const owner = workerId();
    expect(await acquireLease("telegram.poller", owner, 60_000)).toBe(true);
    const first = textUpdate(9191, 1, "Hola, ¿venden extintores?");
    const second = textUpdate(9191, 2, "De 10 libras");
    telegram.queueUpdate(first);
    telegram.queueUpdate(second);
    expect(await pollOnce(owner, 0)).toBe(2);
    expect(await pollOnce(owner, 0)).toBe(0); // the offset confirmed them: Telegram does not send them again
    const polls = telegram.calls.filter((c) => c.method === "getUpdates");
    expect(polls.at(-1)?.body).toMatchObject({
      offset: second.update_id + 1,
      allowed_updates: ["message", "callback_query"],
    });
    await drain();
    expect(telegram.sent.filter((m) => m.chatId === "9191")).toHaveLength(2);
  });

  it("a second instance does not poll while the first holds the lease", async () => {
    expect(await acquireLease("telegram.poller", "other-instance", 60_000)).toBe(false);
  });

  it("an update delivered by both the webhook and getUpdates is one turn", async () => {
    const owner = workerId();
    await t.db.channelState.update({ where: { key: "telegram.poller" }, data: { leaseOwner: owner } });
    const update = textUpdate(9292, 1, "¿Tienen arneses?");
    await postTelegram(update);
    telegram.queueUpdate(update);
    expect(await pollOnce(owner, 0)).toBe(0);
    await drain();
    expect(telegram.sent.filter((m) => m.chatId === "9292")).toHaveLength(1);
  });
});
