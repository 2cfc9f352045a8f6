import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { callbackUpdate, type FakeTelegram, startFakeTelegram, textUpdate } from "./fake-telegram";
import { configureChannels, drain, postTelegram, TG } from "./helpers";

// A whole purchase through the Telegram webhook: the same pipeline as the web chat, answers through sendMessage,
// the confirmation step with inline buttons, and the button press closing a real order.
const PURCHASE = [
  "Hola, quiero comprar 5 cascos blancos tipo I de Steelpro",
  "Agrega también 5 gafas Steelpro de lente claro",
  "Listo, eso es todo",
  "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali",
];

describe.each(FLAVOURS)("Telegram purchase on %s", (flavour) => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  const chat = 7_063_675_095;

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    configureChannels({ telegram });
  });
  afterAll(async () => {
    await telegram?.close();
    await t?.drop();
  });

  it("/start greets through the bot", async () => {
    expect((await postTelegram(textUpdate(chat, 1, "/start"))).status).toBe(200);
    await drain();
    expect(telegram.sent).toHaveLength(1);
    expect(telegram.sent[0]).toMatchObject({ chatId: String(chat), parseMode: "MarkdownV2" });
    expect(telegram.sent[0]?.text).toMatch(/hola/i);
  });

  it("takes the purchase to the confirmation step, with Confirmar / Cambiar algo buttons", async () => {
    let messageId = 10;
    for (const text of PURCHASE) {
      expect((await postTelegram(textUpdate(chat, messageId++, text))).status).toBe(200);
      await drain();
    }
    expect(telegram.sent).toHaveLength(1 + PURCHASE.length);
    const confirmation = telegram.sent.at(-1);
    expect(confirmation?.text).toMatch(/241\.500/);
    expect(confirmation?.buttons).toEqual([["Confirmar|confirmar", "Cambiar algo|cambiar"]]);
    // no earlier answer offered the buttons: they belong to the confirmation step only
    expect(telegram.sent.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    const conversation = await t.db.conversation.findFirstOrThrow({
      where: { channel: "telegram", channelUserId: String(chat) },
    });
    expect(conversation).toMatchObject({ saleState: "listo_para_finalizar", customerName: "Carlos Ruiz" });
    expect(conversation.chatId).toMatch(/^tg-[0-9a-f-]{36}$/);
  });

  it("the Confirmar button closes the order, answers the callback and removes the buttons", async () => {
    const stockBefore = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const pressed = callbackUpdate(chat, 1005, "confirmar");
    expect((await postTelegram(pressed)).status).toBe(200);
    await drain();
    const answered = telegram.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answered.map((c) => c.body.callback_query_id)).toEqual([pressed.callback_query.id]);
    const edited = telegram.calls.find((c) => c.method === "editMessageReplyMarkup");
    expect(edited?.body).toMatchObject({
      chat_id: String(chat),
      message_id: 1005,
      reply_markup: { inline_keyboard: [] },
    });

    const order = await t.db.order.findFirstOrThrow({
      where: { conversation: { channelUserId: String(chat) } },
      include: { lines: true },
    });
    expect(order).toMatchObject({ state: "cerrada", channel: "telegram", total: 241_500 });
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["CAB-001", 5],
      ["VIS-001", 5],
    ]);
    const stockAfter = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    expect(stockAfter.stock).toBe(stockBefore.stock - 5);
    expect(telegram.sent.at(-1)?.text).toContain(order.number);

    const confirmation = await t.db.message.findFirstOrThrow({
      where: { conversationId: order.conversationId ?? -1, role: "customer" },
      orderBy: { id: "desc" },
    });
    expect(confirmation.text).toBe("Confirmo");
    expect(JSON.parse(confirmation.metadata)).toMatchObject({ canal: "telegram", boton: "confirmar" });
  });
});
