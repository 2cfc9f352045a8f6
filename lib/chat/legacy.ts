import type { NextRequest } from "next/server";
import { z } from "zod";
import { TONES, type Tone } from "@/lib/agent/types";
import { LLM_CHOICES } from "@/lib/ai/providers";
import type { Principal } from "@/lib/auth/principal";
import type { StoredMessage } from "@/lib/db/conversations";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import type { ChatTurnResult } from "./pipeline";

// Request and response shapes of the legacy chat API (kept so the previous system's clients keep working).
export const CHAT_ID = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "El chat_id solo admite letras, números, guiones y guiones bajos (máx. 100).");

export const MESSAGE_TEXT = z
  .string({ error: "El mensaje debe ser texto." })
  .trim()
  .min(1, "El mensaje no puede estar vacío.")
  .max(1000, "El mensaje no puede superar 1000 caracteres.");

export const TONE = z.enum(TONES as [Tone, ...Tone[]], {
  error: `El tono debe ser uno de: ${TONES.join(", ")}.`,
});

export const INSTRUCTIONS = z.string().trim().max(500, "Las instrucciones no pueden superar 500 caracteres.");

/** The proof of owning a conversation handed out with its first answer (lib/auth/chat-binding.ts). */
export const CHAT_TOKEN = z.string().trim().min(1).max(200, "El chat_token no es válido.");

export const textoBody = z.strictObject({
  mensaje: MESSAGE_TEXT,
  chat_id: CHAT_ID.optional(),
  chat_token: CHAT_TOKEN.optional(),
  tono: TONE.optional(),
  instrucciones: INSTRUCTIONS.optional(),
  llm: z.enum(LLM_CHOICES, { error: `llm debe ser uno de: ${LLM_CHOICES.join(", ")}.` }).optional(),
});

/** Who the chat limit counts against: the staff principal, else the client's address (HTTP and WebSocket alike). */
export function chatRateSubject(principal: Principal | null, clientIp: string): string {
  return principal ? `${principal.kind}:${principal.id}` : `ip:${clientIp}`;
}

export function rateSubject(req: NextRequest | { headers: Headers }, principal: Principal | null): string {
  return chatRateSubject(principal, clientIpFromHeaders(req.headers));
}

/**
 * `tipo_mensaje` as the previous system's HTTP clients were sent it: the stored intent `contexto` reads
 * `general`, and a paused bot (staff attending, or switched off) reads `error`. The WebSocket keeps the raw
 * intent, as it did there; `intencion` carries the raw intent over HTTP too.
 */
export function httpMessageType(result: Pick<ChatTurnResult, "intent" | "botDisabled">): string {
  if (result.botDisabled) return "error";
  return result.intent === "contexto" ? "general" : result.intent;
}

/** The legacy `/chat/texto` response (also the payload of the WebSocket's response_end). */
export function legacyTurnBody(result: ChatTurnResult, requestId: string) {
  return {
    status: "success",
    message: result.botDisabled ? "Conversación atendida por un asesor" : "Respuesta generada correctamente",
    timestamp: new Date().toISOString(),
    request_id: requestId,
    respuesta: result.reply,
    tipo_mensaje: httpMessageType(result),
    intencion: result.intent,
    chat_id: result.chatId,
    estado_venta: result.saleState,
    metadatos: result.metadata,
    sugerencias: result.suggestions,
  };
}

// the previous system's `remitente` vocabulary; `asesor` (a person answering from the console) is ours
const SENDER: Record<string, string> = {
  customer: "usuario",
  assistant: "agente",
  staff: "asesor",
  system: "sistema",
};

/** One entry of `GET /chat/historial/{chat_id}` (internal bookkeeping like `venta` is not exposed). */
export function legacyHistoryEntry(m: StoredMessage) {
  const { venta: _internal, legado, ...metadatos } = m.metadata;
  // an imported message keeps the sender the previous system stored (`cliente`: an order from its REST API)
  const original = (legado as { remitente?: unknown } | undefined)?.remitente;
  return {
    id: m.id,
    remitente: typeof original === "string" ? original : (SENDER[m.role] ?? m.role),
    mensaje: m.text,
    timestamp: m.createdAt.toISOString(),
    tipo_mensaje: m.intent,
    estado_venta: m.saleState,
    metadatos,
  };
}

/** The previous system's `ListResponse` around a chat's history. */
export function legacyHistoryBody(chatId: string, limit: number, messages: StoredMessage[], requestId: string) {
  return {
    status: "success",
    message: `Historial obtenido correctamente: ${messages.length} mensajes`,
    timestamp: new Date().toISOString(),
    request_id: requestId,
    data: messages.map(legacyHistoryEntry),
    total: messages.length,
    page: null,
    page_size: null,
    metadata: { chat_id: chatId, limite: limit },
  };
}
