import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBus } from "@/lib/realtime/bus";
import { createApiKeyFor } from "../chat/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { accepted, connectWs, refused, say, startWsServer } from "./ws-helpers";

// Issue 11, HIGH, on the legacy WebSocket: the path's chat id opens nothing by itself once the conversation
// holds personal data; a new conversation's token comes in the 101 response and connection_status.
describe("WS /ws/chat/{id} ownership", () => {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof startWsServer>>;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it("hands a new conversation its token, refuses the id alone once it holds personal data, accepts ?token=", async () => {
    const chatId = crypto.randomUUID();
    const victim = await accepted(connectWs(server.port, `/ws/chat/${chatId}`));
    const status = await victim.next("connection_status");
    const token = status.chat_token as string;
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(victim.headers["x-chat-token"]).toBe(token);
    await say(victim, "quiero 2 cascos blancos tipo I de Steelpro");
    await say(victim, "Listo, eso es todo");
    await say(
      victim,
      "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali",
    );
    const stored = await t.db.message.count({ where: { conversation: { chatId } } });

    const unknown = await refused(connectWs(server.port, "/ws/chat/573001112233"));
    const foreign = await refused(connectWs(server.port, `/ws/chat/${chatId}`));
    const badToken = await refused(connectWs(server.port, `/ws/chat/${chatId}?token=${token.slice(0, -3)}abc`));
    for (const r of [unknown, foreign, badToken]) {
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toEqual(JSON.parse(unknown.body));
    }
    expect(JSON.parse(unknown.body).error.code).toBe("conversacion_no_encontrada");

    const back = await accepted(connectWs(server.port, `/ws/chat/${chatId}?token=${token}`));
    expect((await back.next("connection_status")).chat_token).toBeUndefined();
    const end = await say(back, "Sí, confirmo el pedido");
    expect(end.estado_venta).toBe("cerrada");
    expect(await t.db.message.count({ where: { conversation: { chatId } } })).toBe(stored + 2);

    const key = await createApiKeyFor(t.db, "ventas");
    const staff = await accepted(connectWs(server.port, `/ws/chat/${chatId}`, { authorization: `Bearer ${key}` }));
    await staff.next("connection_status");
    for (const c of [victim, back, staff]) c.ws.close();
  });

  it("a tokenless connection to an open conversation stops the moment staff write in it", async () => {
    const chatId = crypto.randomUUID();
    const owner = await accepted(connectWs(server.port, `/ws/chat/${chatId}`));
    await owner.next("connection_status");
    await say(owner, "¿tienen guantes de vaqueta?");
    const stranger = await accepted(connectWs(server.port, `/ws/chat/${chatId}`));
    expect((await stranger.next("connection_status")).chat_token).toBeUndefined();
    expect((await say(stranger, "¿y botas?")).type).toBe("response_end");

    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    const message = await t.db.message.create({
      data: { conversationId: conversation.id, role: "staff", text: "Hola, soy Ana; ¿me das tu dirección?" },
    });
    await eventBus().publish({
      type: "message",
      chatId,
      message: { id: message.id, role: "staff", text: message.text, createdAt: message.createdAt.toISOString() },
    });
    expect((await owner.next("staff_message")).mensaje).toBe(message.text);
    expect((await stranger.next("error")).error_code).toBe("conversacion_no_encontrada");
    expect(await stranger.closed).toBe(4404);
    expect(stranger.events.some((e) => e.type === "staff_message")).toBe(false);
    owner.ws.close();
  });
});
