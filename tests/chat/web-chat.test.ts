import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/chat/[chatId]/events/route";
import { POST as postChat } from "@/app/api/chat/route";
import { eventBus } from "@/lib/realtime/bus";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { openWebSession } from "../security/chat-helpers";
import { freshIp, readStreamUntil } from "./helpers";

// The web chat's route (AI SDK UI message stream for useChat) and its live staff-message channel (SSE),
// called by a browser holding its conversation cookie (POST /api/chat/session).
let cookie = "";
let chatId = "";

function chatRequest(body: unknown) {
  return new NextRequest("http://localhost/api/chat", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-sextinvalle-client-ip": freshIp(),
      cookie,
      origin: "http://localhost",
    },
    body: JSON.stringify(body),
  });
}

async function streamChunks(res: Response): Promise<Record<string, unknown>[]> {
  const text = await res.text();
  return text
    .split("\n")
    .filter((l) => l.startsWith("data: ") && l !== "data: [DONE]")
    .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
}

describe("web chat", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    ({ cookie, chatId } = await openWebSession({ ip: freshIp() }));
  });
  afterAll(async () => t.drop());

  it("streams the answer as text deltas followed by a data-turn part", async () => {
    const res = await postChat(chatRequest({ chatId, mensaje: "quiero 2 cascos blancos tipo I de Steelpro" }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const chunks = await streamChunks(res);
    const deltas = chunks.filter((c) => c.type === "text-delta").map((c) => c.delta as string);
    expect(deltas.length).toBeGreaterThan(3);
    const turn = chunks.find((c) => c.type === "data-turn")?.data as {
      reply: string;
      saleState: string;
      order: { total: number; items: { sku: string }[] };
      products: { sku: string }[];
    };
    expect(deltas.join("")).toBe(turn.reply);
    expect(turn.saleState).toBe("pendiente");
    expect(turn.order.total).toBe(77_000);
    expect(turn.products[0]?.sku).toBe("CAB-001");
    expect(await t.db.message.count({ where: { conversation: { chatId, channel: "web" } } })).toBe(2);
  });

  it("rejects a body that is not {chatId, mensaje}", async () => {
    const before = await t.db.message.count();
    for (const body of [
      { messages: [] },
      { chatId: "web-2", mensaje: "" },
      { chatId: "web 2", mensaje: "hola" },
      { chatId: "web-2", mensaje: "hola", role: "system" },
    ]) {
      const res = await postChat(chatRequest(body), { params: Promise.resolve({}) });
      expect(res.status).toBe(400);
    }
    expect(await t.db.message.count()).toBe(before);
  });

  it("pushes its own chat's messages and takeover switches over SSE, never another chat's", async () => {
    const abort = new AbortController();
    const url = `http://localhost/api/chat/${chatId}/events`;
    const res = await getEvents(new NextRequest(url, { signal: abort.signal, headers: { cookie } }), {
      params: Promise.resolve({ chatId }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await eventBus().publish({
      type: "message",
      chatId: "otro-chat",
      message: { id: 1, role: "staff", text: "no es para ti", createdAt: "x" },
    });
    await eventBus().publish({
      type: "message",
      chatId,
      message: { id: 2, role: "assistant", text: "del bot", createdAt: "x" },
    });
    await eventBus().publish({ type: "conversation", chatId, botEnabled: false });
    await eventBus().publish({
      type: "message",
      chatId,
      message: { id: 3, role: "staff", text: "Hola, soy Ana", createdAt: "2026-11-25T10:00:00.000Z" },
    });
    const received = await readStreamUntil(reader, "Hola, soy Ana");
    const events = received
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
    expect(events).toEqual([
      { type: "message", id: 2, remitente: "assistant", mensaje: "del bot", timestamp: "x" },
      { type: "bot_status", ia_desactivada: true },
      {
        type: "staff_message",
        id: 3,
        remitente: "staff",
        mensaje: "Hola, soy Ana",
        timestamp: "2026-11-25T10:00:00.000Z",
      },
    ]);
    abort.abort();
    await reader.cancel();
  });

  it("limits chat requests per client address (LIMITS.chat)", async () => {
    const ip = freshIp();
    const send = () =>
      postChat(
        new NextRequest("http://localhost/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json", "x-sextinvalle-client-ip": ip },
          body: JSON.stringify({ chatId: "limite", mensaje: "" }),
        }),
        { params: Promise.resolve({}) },
      );
    for (let i = 0; i < 30; i++) expect((await send()).status).toBe(400);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
