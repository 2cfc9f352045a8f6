import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { POST as postChat } from "@/app/api/chat/route";
import type { ChatModel } from "@/lib/ai/providers";
import { chatTokenFor } from "@/lib/auth/chat-binding";
import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";
import { freshIp } from "../chat/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { openWebSession } from "../security/chat-helpers";
import { firstProduct, type Product } from "./purchase-script";
import { resultOf, type Script, scriptedModel } from "./scripted-model";

// Streaming with a hosted model that uses tools: the web chat gets progress parts ("Buscando en el catálogo…")
// before the answer's deltas; the legacy WebSocket keeps its events and their order (one response_start).
const hosted = vi.hoisted(() => ({ current: null as null | ChatModel }));
vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return {
    ...real,
    chatModel: (choice?: Parameters<typeof real.chatModel>[0]) => hosted.current ?? real.chatModel(choice),
  };
});

const searchAndAdd: Script = (view) => {
  const search = resultOf(view, "search_catalog");
  if (!search) return { calls: [{ tool: "search_catalog", input: { query: "casco blanco" } }] };
  const product = firstProduct(search) as Product;
  if (!resultOf(view, "add_item")) return { calls: [{ tool: "add_item", input: { sku: product.sku, quantity: 3 } }] };
  return { text: "Listo, agregué 3 cascos blancos a tu pedido." };
};

describe("streaming a hosted model's tool loop", () => {
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
  afterEach(() => {
    hosted.current = null;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.drop();
  });

  it("web chat: tool progress parts come before the deltas, and the deltas are the reply", async () => {
    hosted.current = scriptedModel(searchAndAdd);
    const { cookie, chatId } = await openWebSession({ ip: freshIp() });
    const res = await postChat(
      new NextRequest("http://localhost/api/chat", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sextinvalle-client-ip": freshIp(),
          cookie,
          origin: "http://localhost",
        },
        body: JSON.stringify({ chatId, mensaje: "quiero 3 cascos blancos" }),
      }),
      { params: Promise.resolve({}) },
    );
    const chunks = (await res.text())
      .split("\n")
      .filter((l) => l.startsWith("data: ") && l !== "data: [DONE]")
      .map((l) => JSON.parse(l.slice(6)) as { type: string; delta?: string; data?: Record<string, unknown> });
    const types = chunks.map((c) => c.type);
    const progress = chunks.filter((c) => c.type === "data-progress").map((c) => c.data?.label);
    expect(progress).toEqual(["Buscando en el catálogo…", "Actualizando tu carrito…"]);
    expect(types.lastIndexOf("data-progress")).toBeLessThan(types.indexOf("text-delta"));
    const deltas = chunks.filter((c) => c.type === "text-delta").map((c) => c.delta);
    expect(deltas.length).toBeGreaterThan(3);
    const turn = chunks.find((c) => c.type === "data-turn")?.data;
    expect(deltas.join("")).toBe(turn?.reply);
    expect(turn).toMatchObject({ saleState: "pendiente", replaced: false });
  });

  it("legacy WebSocket: the same events in the same order, one response_start", async () => {
    hosted.current = scriptedModel(searchAndAdd);
    const chatId = "hosted-ws-1";
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat/${chatId}?token=${chatTokenFor(chatId)}`);
    const events: { type: string; [k: string]: unknown }[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(JSON.stringify(events))), 15_000);
      ws.on("message", (data) => {
        const event = JSON.parse(data.toString());
        events.push(event);
        if (event.type === "connection_status")
          ws.send(JSON.stringify({ type: "message", mensaje: "quiero 3 cascos" }));
        if (event.type === "response_end") {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await ended;
    ws.close();
    const types = events.map((e) => e.type);
    expect(new Set(types)).toEqual(
      new Set(["connection_status", "typing", "processing", "response_start", "response_chunk", "response_end"]),
    );
    expect(types.filter((t) => t === "response_start")).toHaveLength(1);
    expect(types.indexOf("processing")).toBeLessThan(types.indexOf("response_start"));
    expect(types.indexOf("response_start")).toBeLessThan(types.indexOf("response_chunk"));
    expect(events.find((e) => e.type === "response_start")?.tipo_mensaje).toBe("venta");
    const chunks = events.filter((e) => e.type === "response_chunk");
    const end = events.find((e) => e.type === "response_end");
    expect(chunks.map((c) => c.content).join("")).toBe(end?.respuesta_completa);
    expect(end?.respuesta_completa).toBe("Listo, agregué 3 cascos blancos a tu pedido.");
    expect(end?.estado_venta).toBe("pendiente");
  });
});
