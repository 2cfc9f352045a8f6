import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/chat/[chatId]/events/route";
import { GET as getState } from "@/app/api/chat/[chatId]/state/route";
import type { Principal } from "@/lib/auth/principal";
import type { ChatState } from "@/lib/chat/ui-types";
import { publishGlobalBot, publishMessage, publishTakeover } from "@/lib/console/inbox-events";
import { postStaffReply, releaseConversation, takeOverConversation } from "@/lib/db/inbox";
import { setGlobalBotSetting } from "@/lib/db/settings";
import { staffPrincipal } from "../console/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { ownerHeaders, readStreamUntil, runDialog, sendTexto } from "./helpers";

// The shop page's state is the database's: a confirmed order stays through a takeover, a staff reply, a
// customer message while staff attend, and a hand-back; with the bot off for everyone the customer is told the
// truth and the conversation is queued for a person; the chat's event stream carries what the page must follow.
const PURCHASE = [
  "quiero 2 cascos blancos tipo I de Steelpro",
  "Listo, eso es todo",
  "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali",
  "Sí, confirmo el pedido",
];

async function stateOf(chatId: string): Promise<ChatState> {
  const res = await getState(
    new NextRequest(`http://localhost/api/chat/${chatId}/state`, { headers: ownerHeaders(chatId) }),
    {
      params: Promise.resolve({ chatId }),
    },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as ChatState;
}

describe("shop chat state", () => {
  let t: TestDatabase;
  let ventas: Principal;
  let admin: Principal;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    ventas = await staffPrincipal(t.db, "ventas");
    admin = await staffPrincipal(t.db, "admin");
  });
  afterAll(async () => t?.drop());

  it("keeps a confirmed order through takeover, staff reply, a held message and hand-back", async () => {
    const chatId = "estado-1";
    await runDialog(PURCHASE, chatId);
    const confirmed = await stateOf(chatId);
    expect(confirmed.order).toMatchObject({ state: "cerrada", total: 77_000, units: 2 });
    expect(confirmed.order?.number).toMatch(/^SV-\d{6}$/);
    expect(confirmed.order?.customer).toMatchObject({
      name: "Laura Gómez",
      document: "CC 1144556677",
      phone: "3104567890",
    });
    expect(confirmed.attendance).toBe("bot");

    await takeOverConversation(chatId, ventas, null);
    // the shop names the person attending ("Te atiende …")
    expect(await stateOf(chatId)).toMatchObject({
      attendance: "human",
      attendedBy: ventas.name,
      order: confirmed.order,
    });
    await postStaffReply(chatId, "Hola Laura, ¿lo recoges en Yumbo?", ventas);
    const held = await sendTexto({ chat_id: chatId, mensaje: "Sí, mañana" });
    expect(held.body.metadatos.ia_desactivada).toBe(true);
    expect(held.body.respuesta).toMatch(/está atendiendo esta conversación/);
    expect((await stateOf(chatId)).order).toEqual(confirmed.order);
    await releaseConversation(chatId, ventas, null);
    const after = await stateOf(chatId);
    expect(after.attendance).toBe("bot");
    expect(after.attendedBy).toBeNull();
    expect(after.order).toEqual(confirmed.order);
  });

  it("with the bot off for everyone: the truth, opening hours, a call-back offer, and the inbox queue", async () => {
    const chatId = "estado-apagado";
    await runDialog(["hola"], chatId);
    await setGlobalBotSetting({ enabled: false, reason: "Mantenimiento" }, admin);
    try {
      const state = await stateOf(chatId);
      expect(state.attendance).toBe("paused");
      expect(state.notice).toMatch(/lunes a viernes de 7:30/);
      const answer = await sendTexto({ chat_id: chatId, mensaje: "necesito 20 pares de guantes" });
      expect(answer.status).toBe(200);
      expect(answer.body.respuesta).toMatch(/asesor virtual está en pausa/);
      expect(answer.body.respuesta).toMatch(/déjanos tu número de teléfono/);
      expect(answer.body.respuesta).toMatch(/lunes a viernes de 7:30/);
      expect(answer.body.respuesta).not.toMatch(/está atendiendo esta conversación/);
      const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
      expect(conversation.attentionReason).toBe("bot_off");
      expect(conversation.attentionSince).toBeInstanceOf(Date);
      const since = conversation.attentionSince as Date;
      await sendTexto({ chat_id: chatId, mensaje: "mi número es 3104567890" });
      const later = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
      expect(later.attentionSince?.getTime()).toBe(since.getTime());
      const stored = await t.db.message.findMany({ where: { conversationId: conversation.id, role: "customer" } });
      expect(stored.map((m) => m.text)).toContain("mi número es 3104567890");
    } finally {
      await setGlobalBotSetting({ enabled: true, reason: null }, admin);
    }
  });

  it("streams takeover notices, the global switch and order changes of its own chat", async () => {
    const chatId = "estado-eventos";
    await runDialog(["quiero 1 casco blanco tipo I de Steelpro"], chatId);
    const abort = new AbortController();
    const res = await getEvents(
      new NextRequest(`http://localhost/api/chat/${chatId}/events`, {
        signal: abort.signal,
        headers: ownerHeaders(chatId),
      }),
      {
        params: Promise.resolve({ chatId }),
      },
    );
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const notice = await takeOverConversation(chatId, ventas, null);
    await publishTakeover(chatId, false, ventas.name);
    await publishMessage(chatId, notice);
    await publishGlobalBot(false, "prueba");
    const { publishOrderChanged } = await import("@/lib/chat/events");
    const order = await t.db.order.findFirstOrThrow({ where: { conversation: { chatId } } });
    await publishOrderChanged(order.id);
    const received = await readStreamUntil(reader, '"type":"order"');
    abort.abort();
    await reader.cancel();
    const events = received
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
    expect(events.map((e) => e.type)).toEqual(["bot_status", "system_message", "bot_global", "order"]);
    expect(events[1]).toMatchObject({ id: notice.id, mensaje: expect.stringContaining("Te atiende") });
    expect(events[3]).toMatchObject({ estado: "pendiente" });
  });

  it("shows internal SKUs by name only", async () => {
    await t.db.product.update({ where: { sku: "CAB-001" }, data: { skuInternal: true } });
    try {
      await runDialog(
        ["quiero 2 cascos blancos tipo I de Steelpro", "y 1 casco amarillo tipo I de Steelpro"],
        "estado-sku",
      );
      const lines = (await stateOf("estado-sku")).order?.lines ?? [];
      expect(lines.map((l) => [l.sku, l.name.slice(0, 40)])).toEqual([
        [null, "Casco de seguridad tipo I clase E blanco"],
        ["CAB-002", "Casco de seguridad tipo I clase E amaril"],
      ]);
    } finally {
      await t.db.product.update({ where: { sku: "CAB-001" }, data: { skuInternal: false } });
    }
  });

  it("refuses a malformed chat id with a Spanish 400", async () => {
    const res = await getState(new NextRequest("http://localhost/api/chat/x%20y/state"), {
      params: Promise.resolve({ chatId: "x y" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/chat no es válido/);
  });
});
