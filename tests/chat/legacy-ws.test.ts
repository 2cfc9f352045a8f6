import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { chatTokenFor } from "@/lib/auth/chat-binding";
import { eventBus } from "@/lib/realtime/bus";
import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// A real `ws` client against a real HTTP server carrying the same upgrade handler as server.ts.
type Event = Record<string, unknown> & { type: string };

function connect(
  port: number,
  chatId: string,
): Promise<{ ws: WebSocket; events: Event[]; next: (type: string) => Promise<Event> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat/${chatId}?token=${chatTokenFor(chatId)}`);
  const events: Event[] = [];
  const waiters: { type: string; resolve: (e: Event) => void; from: number }[] = [];
  let cursor = 0;
  ws.on("message", (data) => {
    const event = JSON.parse(data.toString()) as Event;
    events.push(event);
    for (const w of [...waiters]) {
      if (event.type === w.type) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const next = (type: string) =>
    new Promise<Event>((resolve, reject) => {
      const found = events.slice(cursor).find((e) => e.type === type);
      if (found) {
        cursor = events.indexOf(found) + 1;
        return resolve(found);
      }
      const timer = setTimeout(() => reject(new Error(`no ${type} event; got ${JSON.stringify(events)}`)), 15_000);
      waiters.push({
        type,
        from: cursor,
        resolve: (e) => {
          clearTimeout(timer);
          cursor = events.indexOf(e) + 1;
          resolve(e);
        },
      });
    });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, events, next }));
    ws.once("error", reject);
  });
}

describe("WS /ws/chat/{chat_id}", () => {
  let t: TestDatabase;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    server = createServer();
    const upgrade = createLegacyChatUpgrade();
    server.on("upgrade", (req, socket, head) => {
      if (!upgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.drop();
  });

  it("streams a turn as connection_status, typing, processing, response_start, chunks, response_end", async () => {
    const { ws, events, next } = await connect(port, "ws-chat-1");
    const hello = await next("connection_status");
    // the previous system's greeting: its message, and connection_id = <chat_id>_<epoch seconds>
    expect(hello).toMatchObject({
      status: "connected",
      message: "Conexión WebSocket establecida",
      chat_id: "ws-chat-1",
    });
    const [idChat, idEpoch] = String(hello.connection_id).split(/_(?=[\d.]+$)/);
    expect(idChat).toBe("ws-chat-1");
    expect(Math.abs(Number(idEpoch) - Date.now() / 1000)).toBeLessThan(60);
    ws.send(JSON.stringify({ type: "message", mensaje: "quiero 3 cascos blancos tipo I de Steelpro" }));
    const end = await next("response_end");
    const types = events.map((e) => e.type);
    const first = (type: string) => types.indexOf(type);
    expect(first("typing")).toBeLessThan(first("processing"));
    expect(first("processing")).toBeLessThan(first("response_start"));
    expect(first("response_start")).toBeLessThan(first("response_chunk"));
    expect(types.lastIndexOf("response_chunk")).toBeLessThan(types.indexOf("response_end"));
    const chunks = events.filter((e) => e.type === "response_chunk");
    expect(chunks.length).toBeGreaterThan(3); // the model's word deltas, not one finished block
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.map((c) => c.content).join("")).toBe(end.respuesta_completa);
    expect(events.find((e) => e.type === "response_start")).toMatchObject({
      tipo_mensaje: "venta",
      chat_id: "ws-chat-1",
    });
    // `stage` in the previous vocabulary (classification first, then rag_retrieval), with its message; ours in `etapa`
    const stages = events.filter((e) => e.type === "processing");
    expect(stages[0]).toMatchObject({
      stage: "classification",
      message: "Clasificando consulta...",
      etapa: "analizando",
    });
    for (const s of stages) expect(["classification", "rag_retrieval"]).toContain(s.stage);
    expect(stages.every((s) => typeof s.message === "string" && typeof s.timestamp === "string")).toBe(true);
    expect(stages.map((s) => s.stage)).toContain("rag_retrieval");
    expect(end.estado_venta).toBe("pendiente");
    expect((end.metadatos as { pedido: { total: number } }).pedido.total).toBe(3 * 38_500);
    expect(await t.db.message.count({ where: { conversation: { chatId: "ws-chat-1" } } })).toBe(2);
    ws.close();
  });

  it("answers bad messages with error codes and stores nothing", async () => {
    const { ws, next } = await connect(port, "ws-chat-bad");
    await next("connection_status");
    ws.send("esto no es json");
    expect((await next("error")).error_code).toBe("invalid_message_type");
    ws.send(JSON.stringify({ type: "ping" }));
    expect((await next("error")).error_code).toBe("invalid_message_type");
    ws.send(JSON.stringify({ type: "message", mensaje: "   " }));
    expect((await next("error")).error_code).toBe("empty_message");
    ws.send(JSON.stringify({ type: "message", mensaje: "x".repeat(1001) }));
    expect((await next("error")).error_code).toBe("invalid_message");
    expect(await t.db.conversation.count({ where: { chatId: "ws-chat-bad" } })).toBe(0);
    ws.close();
  });

  it("delivers staff messages live and stays silent while staff attend the chat", async () => {
    const { ws, next } = await connect(port, "ws-chat-staff");
    await next("connection_status");
    ws.send(JSON.stringify({ type: "message", mensaje: "hola" }));
    await next("response_end");
    await t.db.conversation.update({ where: { chatId: "ws-chat-staff" }, data: { botEnabled: false } });
    await eventBus().publish({ type: "conversation", chatId: "ws-chat-staff", botEnabled: false });
    expect((await next("bot_status")).ia_desactivada).toBe(true);
    await eventBus().publish({
      type: "message",
      chatId: "ws-chat-staff",
      message: { id: 999, role: "staff", text: "Hola, soy Ana de ventas", createdAt: new Date().toISOString() },
    });
    expect((await next("staff_message")).mensaje).toBe("Hola, soy Ana de ventas");
    ws.send(JSON.stringify({ type: "message", mensaje: "quiero 2 cascos" }));
    // the previous system's shape for a paused bot: one response_complete, no streamed answer
    const complete = await next("response_complete");
    expect(complete).toMatchObject({ status: "warning", tipo_mensaje: "error", chat_id: "ws-chat-staff" });
    expect(complete.metadatos).toMatchObject({ ia_desactivada: true, razon: "Un asesor atiende esta conversación" });
    await next("typing");
    const last = await t.db.message.findFirstOrThrow({
      where: { conversation: { chatId: "ws-chat-staff" } },
      orderBy: { id: "desc" },
    });
    expect(last.role).toBe("customer");
    expect(await t.db.order.count({ where: { conversation: { chatId: "ws-chat-staff" } } })).toBe(0);
    ws.close();
  });
});
