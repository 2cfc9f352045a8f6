import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { freshIp } from "../chat/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { texto } from "./chat-helpers";
import { accepted, connectWs, refused, startWsServer, type WsClient, type WsEvent } from "./ws-helpers";

// Issue 11, finding 3: more sockets must not buy more turns. The chat limit is one budget per address for
// HTTP and WebSocket; upgrades and open connections are capped per address and in total. Each test speaks
// from its own address (TRUST_PROXY: the right-most X-Forwarded-For entry), like distinct clients.
describe("WebSocket limits", () => {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof startWsServer>>;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    process.env.TRUST_PROXY = "true";
    resetEnvCache();
    server = await startWsServer();
  });
  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    resetEnvCache();
    await server.close();
    await t.drop();
  });

  const open = (address: string, port = server.port) =>
    connectWs(port, `/ws/chat/${crypto.randomUUID()}`, { "x-forwarded-for": address });

  async function turn(client: WsClient, mensaje: string): Promise<WsEvent> {
    client.ws.send(JSON.stringify({ type: "message", mensaje }));
    return client.next(["response_end", "error"]);
  }

  it("5 connections from one address share the chat limit with POST /chat/texto", async () => {
    const address = freshIp();
    for (let i = 0; i < 10; i++) expect((await texto({ ip: address }, { mensaje: "hola" })).status).toBe(200);
    const sockets = await Promise.all(Array.from({ length: 5 }, () => accepted(open(address))));
    const outcomes = await Promise.all(
      sockets.map(async (socket) => {
        const results: string[] = [];
        for (let i = 0; i < 5; i++) {
          const event = await turn(socket, "¿tienen guantes?");
          results.push(event.type === "response_end" ? "ok" : String(event.error_code));
        }
        return results;
      }),
    );
    const flat = outcomes.flat();
    expect(flat.filter((r) => r === "ok")).toHaveLength(20); // 30 per minute, 10 already spent over HTTP
    expect(flat.filter((r) => r === "rate_limited")).toHaveLength(5);
    expect((await texto({ ip: address }, { mensaje: "hola" })).status).toBe(429);
    // another address is not affected
    const other = await accepted(open(freshIp()));
    expect((await turn(other, "hola")).type).toBe("response_end");
    for (const s of [...sockets, other]) s.ws.close();
  });

  it("caps open connections per address and counts upgrades per minute, closed ones included", async () => {
    const address = freshIp();
    const first = await Promise.all(Array.from({ length: 10 }, () => accepted(open(address))));
    const over = await refused(open(address));
    expect(over.status).toBe(429);
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(over.body).error.code).toBe("rate_limited");
    (first[0] as WsClient).ws.close();
    await (first[0] as WsClient).closed;
    await new Promise((r) => setTimeout(r, 50));
    const replacement = await accepted(open(address));
    for (const c of [...first, replacement]) c.ws.close();

    const churner = freshIp();
    for (let i = 0; i < 30; i++) {
      const c = await accepted(open(churner));
      c.ws.close();
      await c.closed;
    }
    expect((await refused(open(churner))).status).toBe(429);
  });

  it("caps connections in total: the next one gets 503 with Retry-After", async () => {
    process.env.WS_MAX_CONNECTIONS = "6";
    resetEnvCache();
    const own = await startWsServer();
    try {
      const held = await Promise.all(Array.from({ length: 6 }, () => accepted(open(freshIp(), own.port))));
      const full = await refused(open(freshIp(), own.port));
      expect(full.status).toBe(503);
      expect(Number(full.headers["retry-after"])).toBeGreaterThan(0);
      for (const c of held) c.ws.close();
    } finally {
      delete process.env.WS_MAX_CONNECTIONS;
      resetEnvCache();
      await own.close();
    }
  });

  it("limits frames per address, malformed ones included", async () => {
    const client = await accepted(open(freshIp()));
    for (let i = 0; i < 61; i++) client.ws.send("no es json");
    const deadline = Date.now() + 5_000;
    while (client.events.filter((e) => e.type === "error").length < 61 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const codes = client.events.filter((e) => e.type === "error").map((e) => e.error_code);
    expect(codes.slice(0, 60)).toEqual(Array(60).fill("invalid_message_type"));
    expect(codes[60]).toBe("rate_limited");
    client.ws.close();
  });
});
