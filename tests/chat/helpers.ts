import { NextRequest } from "next/server";
import { POST as postTexto } from "@/app/chat/texto/route";
import { generateApiKey } from "@/lib/auth/api-keys";
import { chatTokenFor } from "@/lib/auth/chat-binding";
import type { Db } from "@/lib/db/client";

// Calling the legacy chat API the way a client does: real route handler, real NextRequest.
let ipCounter = 0;

/** A distinct client address per caller so the per-IP chat rate limit never couples unrelated tests. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${process.pid % 250}.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** A multipart upload to a chat media route (/chat/imagen, /chat/audio), from a fresh client address. */
export function upload(path: string, fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new NextRequest(`http://localhost${path}`, {
    method: "POST",
    body: form,
    headers: { "x-sextinvalle-client-ip": freshIp() },
  });
}

export function textoRequest(
  body: unknown,
  init: { ip?: string; headers?: Record<string, string>; raw?: string } = {},
) {
  return new NextRequest("http://localhost/chat/texto", {
    method: "POST",
    headers: { "content-type": "application/json", "x-sextinvalle-client-ip": init.ip ?? freshIp(), ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
}

export type TextoResponse = {
  status: string;
  message: string;
  respuesta: string;
  tipo_mensaje: string;
  chat_id: string;
  estado_venta: string | null;
  metadatos: {
    productos: { sku: string; nombre: string; precio: number; stock: number; sku_interno?: boolean }[];
    pedido: {
      id: string;
      estado: string;
      total: number;
      items: { sku: string; cantidad: number; precio_unitario: number; subtotal: number }[];
      cliente: { nombre: string | null; cedula: string | null };
    } | null;
    ia_desactivada?: boolean;
    modelo?: string;
  };
  sugerencias: string[];
};

/**
 * Sends one legacy message as a client that kept its conversation's chat_token: a test that picks its own
 * chat id gets that id's token attached (pass `chat_token: undefined` explicitly to send none).
 */
export async function sendTexto(
  body: Record<string, unknown>,
  init: { ip?: string; headers?: Record<string, string> } = {},
) {
  const withToken =
    typeof body.chat_id === "string" && !("chat_token" in body)
      ? { ...body, chat_token: chatTokenFor(body.chat_id) }
      : body;
  const res = await postTexto(textoRequest(withToken, init), { params: Promise.resolve({}) });
  const json = (await res.json()) as TextoResponse & { error?: { code: string; message: string } };
  return { status: res.status, body: json };
}

/** The headers of a client that owns `chatId` (history, event streams). */
export function ownerHeaders(chatId: string): Record<string, string> {
  return { "x-chat-token": chatTokenFor(chatId) };
}

/** Runs a dialog in one chat; returns every response. Fails loudly on a non-200. */
export async function runDialog(turns: string[], chatId: string, extra: Record<string, unknown> = {}) {
  const ip = freshIp();
  const responses: TextoResponse[] = [];
  for (const mensaje of turns) {
    const { status, body } = await sendTexto({ mensaje, chat_id: chatId, ...extra }, { ip });
    if (status !== 200) throw new Error(`turn "${mensaje}" → ${status} ${JSON.stringify(body)}`);
    responses.push(body);
  }
  return responses;
}

export async function createApiKeyFor(db: Db, role: "admin" | "ventas" | "gerente"): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await db.apiKey.create({ data: { name: `test-${role}`, prefix, hash, role } });
  return key;
}

export async function rowCounts(db: Db) {
  const [messages, conversations, orders, lines] = await Promise.all([
    db.message.count(),
    db.conversation.count(),
    db.order.count(),
    db.orderLine.count(),
  ]);
  return { messages, conversations, orders, lines };
}

/**
 * Reads a server-sent event stream until `needle` arrives or the stream ends. An ended reader resolves at once,
 * forever: a bare `while` over it spins in microtasks and starves the timers that would fail the test.
 */
export async function readStreamUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string) {
  const decoder = new TextDecoder();
  let received = "";
  while (!received.includes(needle)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    received += decoder.decode(chunk.value, { stream: true });
  }
  return received;
}
