import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";

// A real HTTP server carrying the legacy WebSocket exactly as server.ts wires it, and a `ws` client that
// reports a refused upgrade (status + body) instead of throwing.
export type WsEvent = Record<string, unknown> & { type: string };

export async function startWsServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer();
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const upgrade = createLegacyChatUpgrade();
  server.on("upgrade", (req, socket, head) => {
    if (!upgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => r());
      }),
  };
}

export type WsClient = {
  ws: WebSocket;
  events: WsEvent[];
  headers: IncomingHttpHeaders;
  /** The next event of one of `types` after the last one returned. */
  next: (types: string | string[], ms?: number) => Promise<WsEvent>;
  closed: Promise<number>;
};

export type Refused = { refused: true; status: number; body: string; headers: IncomingHttpHeaders };

export function connectWs(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<WsClient | Refused> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
  const events: WsEvent[] = [];
  let cursor = 0;
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    events.push(JSON.parse(data.toString()) as WsEvent);
    for (const w of waiters) w();
  });
  const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
  const next = (types: string | string[], ms = 15_000) =>
    new Promise<WsEvent>((resolve, reject) => {
      const wanted = Array.isArray(types) ? types : [types];
      const look = () => {
        const index = events.findIndex((e, i) => i >= cursor && wanted.includes(e.type));
        if (index === -1) return false;
        cursor = index + 1;
        waiters.delete(look as () => void);
        clearTimeout(timer);
        resolve(events[index] as WsEvent);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(look as () => void);
        reject(new Error(`no ${wanted.join("/")} event; got ${JSON.stringify(events.slice(cursor))}`));
      }, ms);
      if (!look()) waiters.add(look as () => void);
    });
  return new Promise((resolve, reject) => {
    ws.once("upgrade", (res) => {
      ws.once("open", () => resolve({ ws, events, headers: res.headers, next, closed }));
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ refused: true, status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    ws.once("error", (err) => reject(err));
  });
}

export function isRefused(c: WsClient | Refused): c is Refused {
  return "refused" in c;
}

export async function accepted(c: Promise<WsClient | Refused>): Promise<WsClient> {
  const client = await c;
  if (isRefused(client)) throw new Error(`upgrade refused: ${client.status} ${client.body}`);
  return client;
}

export async function refused(c: Promise<WsClient | Refused>): Promise<Refused> {
  const client = await c;
  if (!isRefused(client)) {
    client.ws.close();
    throw new Error("upgrade was accepted");
  }
  return client;
}

export async function say(client: WsClient, mensaje: string): Promise<WsEvent> {
  client.ws.send(JSON.stringify({ type: "message", mensaje }));
  return client.next(["response_end", "error"]);
}
