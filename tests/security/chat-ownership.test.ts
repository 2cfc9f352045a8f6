import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postQuote } from "@/app/api/chat/[chatId]/quote/route";
import { GET as getState } from "@/app/api/chat/[chatId]/state/route";
import { eventBus } from "@/lib/realtime/bus";
import { createApiKeyFor } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { caller, events, history, openWebSession, readUntil, refusal, texto, webChat } from "./chat-helpers";

// Issue 11, HIGH: a chat id is not a secret. Whoever did not start a conversation (no chat_token, no web
// cookie, not staff) can neither read it, nor continue it, nor listen to it; unknown and foreign ids look the
// same; trying ids is rate-limited.
const PURCHASE = [
  "quiero 2 cascos blancos tipo I de Steelpro",
  "Listo, eso es todo",
  "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali",
];

describe.each(FLAVOURS)("legacy /chat/texto and /chat/historial on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("a new conversation gets its chat_token; without it nobody reads, changes or confirms the order", async () => {
    const victim = caller();
    const first = await texto(victim, { mensaje: PURCHASE[0] });
    expect(first.status).toBe(200);
    const chatId = first.body.chat_id as string;
    const token = first.body.chat_token as string;
    expect(chatId).toMatch(/^[0-9a-f-]{36}$/);
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(first.headers.get("x-chat-token")).toBe(token);
    for (const mensaje of PURCHASE.slice(1)) {
      const turn = await texto(victim, { mensaje, chat_id: chatId, chat_token: token });
      expect(turn.status).toBe(200);
      expect(turn.body.chat_token).toBeUndefined(); // only a new conversation hands one out
    }
    const messagesBefore = await t.db.message.count({ where: { conversation: { chatId } } });

    const attacker = caller();
    const unknown = await texto(attacker, { mensaje: "hola", chat_id: "573001112233" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("conversacion_no_encontrada");
    const other = await texto(caller(), { mensaje: "hola" });
    for (const attempt of [
      { mensaje: "cambia la dirección a Carrera 80 # 1-10", chat_id: chatId },
      { mensaje: "sí, confirmo", chat_id: chatId },
      { mensaje: "sí, confirmo", chat_id: chatId, chat_token: `${token.slice(0, -2)}xx` },
      { mensaje: "sí, confirmo", chat_id: chatId, chat_token: other.body.chat_token },
    ]) {
      const res = await texto(attacker, attempt);
      expect(res.status).toBe(404);
      expect(refusal(res.body)).toEqual(refusal(unknown.body));
    }
    const readUnknown = await history(attacker, "573001112233");
    const readForeign = await history(attacker, chatId);
    expect(readForeign.status).toBe(404);
    expect(readUnknown.status).toBe(404);
    expect(refusal(readForeign.body)).toEqual(refusal(readUnknown.body));
    expect(JSON.stringify(readForeign.body)).not.toContain("1144556677");

    expect(await t.db.message.count({ where: { conversation: { chatId } } })).toBe(messagesBefore);
    const order = await t.db.order.findFirstOrThrow({ where: { conversation: { chatId } } });
    expect(order.state).toBe("listo_para_finalizar");
    expect(order.customerAddress).toMatch(/Calle 5/);
    expect(await t.db.conversation.count({ where: { chatId: "573001112233" } })).toBe(0);

    const own = await history(victim, chatId, `?token=${token}`);
    expect(own.status).toBe(200);
    expect(own.body.data?.map((m) => m.mensaje)).toContain(PURCHASE[2]);
    const close = await texto(victim, { mensaje: "Sí, confirmo el pedido", chat_id: chatId, chat_token: token });
    expect(close.body.estado_venta).toBe("cerrada");
  });

  it("API keys may read any conversation and choose their own ids", async () => {
    const key = await createApiKeyFor(t.db, "ventas");
    const bridge = caller({ authorization: `Bearer ${key}` });
    const chosen = `57300${Date.now() % 10_000_000}`;
    const res = await texto(bridge, { mensaje: "hola, ¿tienen guantes?", chat_id: chosen });
    expect(res.status).toBe(200);
    expect(res.body.chat_id).toBe(chosen);
    await texto(bridge, { mensaje: "soy Pedro Pérez, mi teléfono es 3001234567", chat_id: chosen });
    expect((await history(bridge, chosen)).body.data?.length).toBe(4);
    expect((await history(caller(), chosen)).status).toBe(404);
    expect((await texto(caller(), { mensaje: "hola", chat_id: chosen })).status).toBe(404);
  });

  it("a conversation without personal data stays open without its token, until it holds some", async () => {
    const owner = caller();
    const chatId = crypto.randomUUID();
    const first = await texto(owner, { mensaje: "¿tienen guantes de vaqueta?", chat_id: chatId });
    expect(first.status).toBe(200);
    const token = first.body.chat_token as string;
    expect(token).toBeTruthy();

    const someoneElse = caller();
    const open = await texto(someoneElse, { mensaje: "¿y botas?", chat_id: chatId });
    expect(open.status).toBe(200);
    expect(open.body.chat_token).toBeUndefined();
    expect((await history(someoneElse, chatId)).status).toBe(200);

    await texto(owner, { mensaje: "mi correo es ana@example.com", chat_id: chatId, chat_token: token });
    expect((await texto(someoneElse, { mensaje: "¿y cascos?", chat_id: chatId })).status).toBe(404);
    expect((await history(someoneElse, chatId)).status).toBe(404);
    expect((await history(owner, chatId, `?token=${token}`)).status).toBe(200);
  });

  it("refuses an anonymous client-chosen id that could be guessed, and rate-limits trying ids", async () => {
    const prober = caller();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await history(prober, `5730011122${10 + i}`)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const limited = await texto(prober, { mensaje: "hola", chat_id: "573001112299" });
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toMatch(/Demasiados intentos/);
    // its own conversation still works: only refusals count
    const own = await texto(prober, { mensaje: "hola" });
    expect(own.status).toBe(200);
    const again = await texto(prober, {
      mensaje: "¿tienen botas?",
      chat_id: own.body.chat_id,
      chat_token: own.body.chat_token,
    });
    expect(again.status).toBe(200);
  });
});

describe("web chat: server-chosen id bound to an httpOnly signed cookie", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("hands out an unguessable id and a signed httpOnly cookie; a second call keeps it, nueva replaces it", async () => {
    const browser = caller();
    const session = await openWebSession(browser);
    expect(session.status).toBe(200);
    expect(session.chatId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.setCookie).toMatch(/^sv_chat=/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Lax/);
    expect(session.cookie).not.toBe(`sv_chat=${session.chatId}`);
    const again = await openWebSession({ ...browser, headers: { cookie: session.cookie } });
    expect(again.chatId).toBe(session.chatId);
    const fresh = await openWebSession({ ...browser, headers: { cookie: session.cookie } }, true);
    expect(fresh.chatId).not.toBe(session.chatId);
  });

  it("only the browser holding the cookie posts, reads and listens; the id alone gets the unknown-id answer", async () => {
    const session = await openWebSession(caller());
    const victim = caller({ cookie: session.cookie });
    const turn = await webChat(victim, session.chatId, PURCHASE[0] as string);
    expect(turn.status).toBe(200);
    await webChat(victim, session.chatId, PURCHASE[1] as string);
    await webChat(victim, session.chatId, PURCHASE[2] as string);
    const stored = await t.db.message.count({ where: { conversation: { chatId: session.chatId } } });
    expect(stored).toBe(6);

    const other = await openWebSession(caller());
    const forged = `sv_chat=${session.chatId}.${"A".repeat(43)}`;
    const unknownPost = await webChat(caller(), crypto.randomUUID(), "hola");
    expect(unknownPost.status).toBe(404);
    for (const cookie of [undefined, forged, other.cookie]) {
      const attacker = caller(cookie ? { cookie } : {});
      const post = await webChat(attacker, session.chatId, "sí, confirmo");
      expect(post.status).toBe(404);
      expect(refusal(JSON.parse(post.text))).toEqual(refusal(JSON.parse(unknownPost.text)));
      expect((await history(attacker, session.chatId)).status).toBe(404);
      const stream = await events(attacker, session.chatId);
      expect(stream.res.status).toBe(404);
      stream.close();
      // nor through the legacy door, which has no "open without personal data" rule for web chats
      expect((await texto(attacker, { mensaje: "hola", chat_id: session.chatId })).status).toBe(404);
    }
    expect(await t.db.message.count({ where: { conversation: { chatId: session.chatId } } })).toBe(stored);
    // the page's state (order panel with the customer's data) and the quote follow the same rule
    const ctx = { params: Promise.resolve({ chatId: session.chatId }) };
    const stateOf = (who: { ip: string; headers?: Record<string, string> }) =>
      getState(
        new NextRequest(`http://localhost/api/chat/${session.chatId}/state`, {
          headers: { "x-sextinvalle-client-ip": who.ip, ...who.headers },
        }),
        ctx,
      );
    const strangerState = await stateOf(caller());
    expect(strangerState.status).toBe(404);
    expect(await strangerState.text()).not.toContain("1144556677");
    expect((await stateOf(victim)).status).toBe(200);
    const quote = await postQuote(
      new NextRequest(`http://localhost/api/chat/${session.chatId}/quote`, {
        method: "POST",
        headers: { "x-sextinvalle-client-ip": caller().ip },
      }),
      ctx,
    );
    expect(quote.status).toBe(404);
    const own = await history(victim, session.chatId);
    expect(own.status).toBe(200);
    expect(own.body.data).toHaveLength(6);
  });

  it("delivers staff replies to the cookie holder and to staff, never to someone with the id alone", async () => {
    const session = await openWebSession(caller());
    await webChat(caller({ cookie: session.cookie }), session.chatId, "hola");
    const key = await createApiKeyFor(t.db, "ventas");
    const owner = await events(caller({ cookie: session.cookie }), session.chatId);
    const staff = await events(caller({ authorization: `Bearer ${key}` }), session.chatId);
    const stranger = await events(caller(), session.chatId);
    expect(owner.res.status).toBe(200);
    expect(staff.res.status).toBe(200);
    expect(stranger.res.status).toBe(404);
    const reading = [readUntil(owner.res, "Hola, soy Ana"), readUntil(staff.res, "Hola, soy Ana")];
    await eventBus().publish({
      type: "message",
      chatId: session.chatId,
      message: { id: 99, role: "staff", text: "Hola, soy Ana", createdAt: new Date().toISOString() },
    });
    for (const text of await Promise.all(reading)) expect(text).toContain("Hola, soy Ana");
    owner.close();
    staff.close();
    stranger.close();
  });
});
