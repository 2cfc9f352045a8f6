import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { chatTokenFor } from "@/lib/auth/chat-binding";
import { resetEnvCache } from "@/lib/env";
import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Every message gets a reply, even when something before the turn fails: here the rate limiter's Redis is
// unreachable (nothing listens on port 1), so limits are decided from memory and the chat goes on.
// A real `ws` client against the server.ts upgrade handler.
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

  it("keeps answering turns from memory, keeps the socket usable, and leaves no unhandled rejection", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat/ws-sin-redis?token=${chatTokenFor("ws-sin-redis")}`);
    const events: Event[] = [];
    ws.on("message", (data) => events.push(JSON.parse(data.toString()) as Event));
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const count = async (type: string, n: number) => {
      const deadline = Date.now() + 10_000;
      while (events.filter((e) => e.type === type).length < n && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      return events.filter((e) => e.type === type);
    };
    ws.send(JSON.stringify({ type: "message", mensaje: "hola, ¿tienen cascos?" }));
    const [first] = await count("response_end", 1);
    expect(first?.tipo_mensaje).toBe("inventario");
    // validation still answers with its own code, and the next turn is answered again
    ws.send(JSON.stringify({ type: "ping" }));
    expect((await count("error", 1)).map((e) => e.error_code)).toEqual(["invalid_message_type"]);
    ws.send(JSON.stringify({ type: "message", mensaje: "otra vez" }));
    expect(await count("response_end", 2)).toHaveLength(2);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(await t.db.message.count({ where: { conversation: { chatId: "ws-sin-redis" } } })).toBe(4);
    expect(unhandled).toEqual([]);
    ws.close();
  });
});
