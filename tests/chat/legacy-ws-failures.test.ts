import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { chatTokenFor } from "@/lib/auth/chat-binding";
import { resetEnvCache } from "@/lib/env";
import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Every message gets a reply, even when something before the turn fails: here the rate limiter's Redis is
// unreachable (nothing listens on port 1). A real `ws` client against the server.ts upgrade handler.
type Event = Record<string, unknown> & { type: string };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe("WS /ws/chat/{chat_id} when the rate limiter fails", () => {
  let t: TestDatabase;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetEnvCache();
    server = createServer();
    const upgrade = createLegacyChatUpgrade();
    server.on("upgrade", (req, socket, head) => {
      if (!upgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await new Promise((r) => server.close(r));
    await t.drop();
  });

  it("answers processing_error (not silence), keeps the socket usable and stores nothing", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat/ws-sin-redis?token=${chatTokenFor("ws-sin-redis")}`);
    const events: Event[] = [];
    ws.on("message", (data) => events.push(JSON.parse(data.toString()) as Event));
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const errorCount = async (n: number) => {
      const deadline = Date.now() + 10_000;
      while (events.filter((e) => e.type === "error").length < n && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      return events.filter((e) => e.type === "error");
    };
    ws.send(JSON.stringify({ type: "message", mensaje: "hola, ¿tienen cascos?" }));
    const [first] = await errorCount(1);
    expect(first).toMatchObject({ error_code: "processing_error", mensaje: expect.stringMatching(/no pudimos/i) });
    expect(first?.request_id).toEqual(expect.any(String));
    // validation still answers with its own code, and a retry is answered again
    ws.send(JSON.stringify({ type: "ping" }));
    ws.send(JSON.stringify({ type: "message", mensaje: "otra vez" }));
    const errors = await errorCount(3);
    expect(errors.map((e) => e.error_code).sort()).toEqual([
      "invalid_message_type",
      "processing_error",
      "processing_error",
    ]);
    expect(events.some((e) => e.type === "typing" && e.is_typing === true)).toBe(false);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(await t.db.conversation.count({ where: { chatId: "ws-sin-redis" } })).toBe(0);
    expect(unhandled).toEqual([]);
    ws.close();
  });
});
