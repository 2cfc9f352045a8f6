import { NextRequest } from "next/server";
import { GET as getEvents } from "@/app/api/chat/[chatId]/events/route";
import { POST as postChat } from "@/app/api/chat/route";
import { POST as postSession } from "@/app/api/chat/session/route";
import { GET as getHistory } from "@/app/chat/historial/[chat_id]/route";
import { POST as postTexto } from "@/app/chat/texto/route";
import { freshIp } from "../chat/helpers";

// Callers of the chat doors as a client (or an attacker) does: real route handlers, real requests, each
// caller with its own address so rate limits only couple what a test couples on purpose.
export type Caller = { ip: string; headers?: Record<string, string> };
export const caller = (headers: Record<string, string> = {}): Caller => ({ ip: freshIp(), headers });

// a browser sends Origin with every POST (and the server refuses cookie-carrying POSTs from other sites)
const base = (who: Caller) => ({ "x-sextinvalle-client-ip": who.ip, origin: "http://localhost", ...who.headers });
const none = { params: Promise.resolve({}) };

export type ErrorJson = { error: { code: string; message: string; request_id?: string } };

export async function texto(who: Caller, body: Record<string, unknown>) {
  const res = await postTexto(
    new NextRequest("http://localhost/chat/texto", {
      method: "POST",
      headers: { "content-type": "application/json", ...base(who) },
      body: JSON.stringify(body),
    }),
    none,
  );
  const json = (await res.json()) as Record<string, unknown> & Partial<ErrorJson>;
  return { status: res.status, headers: res.headers, body: json };
}

export async function history(who: Caller, chatId: string, query = "") {
  const res = await getHistory(
    new NextRequest(`http://localhost/chat/historial/${chatId}${query}`, { headers: base(who) }),
    {
      params: Promise.resolve({ chat_id: chatId }),
    },
  );
  return { status: res.status, body: (await res.json()) as { data?: { mensaje: string }[] } & Partial<ErrorJson> };
}

/** The error body without its per-request id, to compare two refusals. */
export const refusal = (body: Partial<ErrorJson>) => ({ ...body.error, request_id: undefined });

export async function openWebSession(who: Caller, nueva = false) {
  const res = await postSession(
    new NextRequest("http://localhost/api/chat/session", {
      method: "POST",
      headers: { "content-type": "application/json", ...base(who) },
      body: JSON.stringify({ nueva }),
    }),
    none,
  );
  const setCookie = res.headers.get("set-cookie") ?? "";
  const { chatId } = (await res.json()) as { chatId: string };
  return { status: res.status, chatId, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

export async function webChat(who: Caller, chatId: string, mensaje: string) {
  const res = await postChat(
    new NextRequest("http://localhost/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", ...base(who) },
      body: JSON.stringify({ chatId, mensaje }),
    }),
    none,
  );
  return { status: res.status, text: await res.text() };
}

export async function events(who: Caller, chatId: string, query = "") {
  const abort = new AbortController();
  const res = await getEvents(
    new NextRequest(`http://localhost/api/chat/${chatId}/events${query}`, { headers: base(who), signal: abort.signal }),
    { params: Promise.resolve({ chatId }) },
  );
  return { res, close: () => abort.abort() };
}

/** Reads an event stream until `needle` arrives (or the deadline passes); returns what was read. */
export async function readUntil(res: Response, needle: string, ms = 3_000): Promise<string> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = "";
  const deadline = Date.now() + ms;
  while (!received.includes(needle) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (!chunk || chunk.done) break;
    received += decoder.decode(chunk.value);
  }
  await reader.cancel().catch(() => undefined);
  return received;
}
