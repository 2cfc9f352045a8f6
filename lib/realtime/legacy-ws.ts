import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import { chatModel } from "@/lib/ai/providers";
import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-keys";
import { CHAT_TOKEN_HEADER } from "@/lib/auth/chat-binding";
import { isRole } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { chatRateSubject, INSTRUCTIONS, legacyTurnBody, MESSAGE_TEXT, TONE } from "@/lib/chat/legacy";
import { authorizeChat, type ChatAccess, stillOpenWithoutProof } from "@/lib/chat/ownership";
import { runChatTurnWithTimeout } from "@/lib/chat/pipeline";
import { createTurnGate } from "@/lib/chat/turn-gate";
import { findActiveApiKeyByHash, touchApiKey } from "@/lib/db/staff";
import { isAppError, toAppError } from "@/lib/errors";
import { findControlCharacter } from "@/lib/http/control-chars";
import { clientIp } from "@/lib/http/ip-limit";
import { log, newRequestId } from "@/lib/log";
import { checkRateLimits, LIMITS } from "@/lib/ratelimit";
import { eventBus } from "@/lib/realtime/bus";
import { createConnectionSlots, enforceUpgradeRate, refuseUpgrade } from "@/lib/realtime/ws-guard";

// Legacy WebSocket chat `/ws/chat/{chat_id}` on the custom server (see docs in lib/chat/README.md).
// Client → {"type":"message","mensaje","tono"?,"instrucciones"?}. Server → connection_status, typing,
// processing{stage}, response_start{tipo_mensaje}, response_chunk{content,chunk_index} (the model's real
// deltas), response_end{respuesta_completa,estado_venta,metadatos,…}, error{error_code,mensaje},
// staff_message{mensaje,timestamp} when a person answers from the console, bot_status{ia_desactivada}.
// The upgrade is refused (404, like an unknown id) unless lib/chat/ownership.ts allows the caller; a new
// conversation's 101 response and connection_status carry its chat_token, sent back as `?token=`.
const PATH = /^\/ws\/chat\/([A-Za-z0-9_-]{1,100})\/?$/;

const clientMessage = z.strictObject({
  type: z.literal("message"),
  mensaje: MESSAGE_TEXT,
  tono: TONE.optional(),
  instrucciones: INSTRUCTIONS.optional(),
});

type Send = (payload: Record<string, unknown>) => void;

// Offline-model turns are CPU-bound: a burst of them is admitted a few at a time, first come first served
// (lib/chat/turn-gate.ts). A hosted model's turn mostly waits on the network, so it is never held back.
const offlineTurns = createTurnGate(2);
const gateFor = () => (chatModel().kind === "offline" ? offlineTurns : <T>(turn: () => Promise<T>) => turn());

// The previous system sent two stages, `classification` then `rag_retrieval`, each with a message. Ours are
// finer (analizando, buscando, redactando, guardando: kept in `etapa`); everything after the first reads as
// the previous system's retrieval step.
const PREVIOUS_STAGES: Record<string, { stage: "classification" | "rag_retrieval"; message: string }> = {
  analizando: { stage: "classification", message: "Clasificando consulta..." },
  buscando: { stage: "rag_retrieval", message: "Buscando en el catálogo..." },
  redactando: { stage: "rag_retrieval", message: "Redactando la respuesta..." },
  guardando: { stage: "rag_retrieval", message: "Guardando la conversación..." },
};

function previousStage(etapa: string) {
  return PREVIOUS_STAGES[etapa] ?? { stage: "rag_retrieval", message: "Procesando consulta..." };
}

// The offline answer emits all its word chunks in one synchronous loop: each ws.send flushed its own frame (one
// write syscall per word, most of a WebSocket turn's cost under a burst). The socket is corked on the first
// send of a tick and uncorked on the next, so that tick's frames leave in one write, in the same order.
function corkUntilNextTick(ws: WebSocket, state: { corked: boolean }): void {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  if (state.corked || !socket) return;
  state.corked = true;
  socket.cork();
  process.nextTick(() => {
    state.corked = false;
    socket.uncork();
  });
}

function sender(ws: WebSocket): Send {
  const state = { corked: false };
  return (payload) => {
    if (ws.readyState !== ws.OPEN) return;
    corkUntilNextTick(ws, state);
    // the previous system's names next to ours: errors carried `status` and `message`, typing `typing`
    const legacy =
      payload.type === "error"
        ? { status: "error", message: payload.mensaje }
        : payload.type === "typing"
          ? { typing: payload.is_typing }
          : {};
    ws.send(JSON.stringify({ ...payload, ...legacy, timestamp: new Date().toISOString() }));
  };
}

function errorFor(raw: unknown): { error_code: string; mensaje: string } {
  if (findControlCharacter(raw))
    return { error_code: "invalid_message", mensaje: "El mensaje contiene caracteres de control no permitidos." };
  if (!raw || typeof raw !== "object" || (raw as { type?: unknown }).type !== "message")
    return { error_code: "invalid_message_type", mensaje: 'Tipo de mensaje no válido: se espera {"type":"message"}.' };
  const mensaje = (raw as { mensaje?: unknown }).mensaje;
  if (typeof mensaje !== "string" || mensaje.trim() === "")
    return { error_code: "empty_message", mensaje: "El mensaje no puede estar vacío." };
  const parsed = clientMessage.safeParse(raw);
  const first = parsed.success ? undefined : parsed.error.issues[0];
  return { error_code: "invalid_message", mensaje: first?.message ?? "El mensaje no es válido." };
}

/**
 * Only API keys here (same rule as resolvePrincipal's bearer path): a session cookie needs Next's request
 * scope, and importing next-auth into the custom server before Next starts breaks its AsyncLocalStorage.
 */
async function principalOf(req: IncomingMessage): Promise<Principal | null> {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1]?.trim();
  if (!token || !looksLikeApiKey(token)) return null;
  const key = await findActiveApiKeyByHash(hashApiKey(token));
  if (!key || !isRole(key.role)) return null;
  await touchApiKey(key.id, key.lastUsedAt);
  return { kind: "apikey", id: key.id, role: key.role, name: key.name };
}

const LOST_ACCESS = {
  type: "error",
  error_code: "conversacion_no_encontrada",
  mensaje: "Esta conversación ahora tiene datos personales: reconéctate con el chat_token que recibiste al iniciarla.",
};

type Caller = { access: ChatAccess; principal: Principal | null; address: string };

const tooMany = (mensaje: string) => ({ type: "error", error_code: "rate_limited", mensaje });

function onConnection(ws: WebSocket, { access, principal, address }: Caller): void {
  const { chatId } = access;
  const send = sender(ws);
  let busy = false;
  send({
    type: "connection_status",
    status: "connected",
    message: "Conexión WebSocket establecida",
    chat_id: chatId,
    connection_id: `${chatId}_${Date.now() / 1000}`, // the previous system's <chat_id>_<epoch seconds>
    ...(access.token ? { chat_token: access.token } : {}),
  });

  // A connection allowed without proof loses the conversation as soon as it holds personal data.
  const stillAllowed = async () => {
    if (access.owner || (await stillOpenWithoutProof(chatId).catch(() => false))) return true;
    send(LOST_ACCESS);
    ws.close(4404, "conversacion_no_encontrada");
    return false;
  };
  let delivery = Promise.resolve();
  const unsubscribe = eventBus().subscribe((event) => {
    if (event.type === "message" && event.chatId === chatId && event.message.role === "staff") {
      const { text, id } = event.message;
      delivery = delivery.then(async () => {
        if (await stillAllowed()) send({ type: "staff_message", mensaje: text, message_id: id });
      });
    } else if (event.type === "conversation" && event.chatId === chatId) {
      send({ type: "bot_status", ia_desactivada: !event.botEnabled });
    }
  });
  ws.on("close", unsubscribe);
  ws.on("error", (err) => log.warn("ws error", { chatId, err }));

  // Everything a message triggers runs inside one try: whatever fails (the limiter's Redis, the turn, the
  // reply's shape) the client always gets an `error` event, never silence or an unhandled rejection.
  ws.on("message", async (data, isBinary) => {
    const requestId = newRequestId();
    let ownsTurn = false;
    try {
      let raw: unknown;
      try {
        raw = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        raw = undefined;
      }
      const parsed = findControlCharacter(raw) ? null : clientMessage.safeParse(raw);
      // Every frame counts against the address's frame limit; a message that would start a turn also counts
      // against the chat budget shared with POST /chat/texto and the web chat (more sockets buy no more turns).
      // Both in one Redis round trip, so the frame is parsed first (locally) to know which limits apply; the
      // answers keep their order: frame limit, malformed message, busy, chat limit.
      const startsTurn = parsed?.success === true && !busy;
      const frameLimit = [LIMITS.websocket, `ip:${address}`] as const;
      const limits = await checkRateLimits(
        startsTurn ? [frameLimit, [LIMITS.chat, chatRateSubject(principal, address)]] : [frameLimit],
      );
      if (limits.refused === 0) return send(tooMany("Demasiados mensajes. Espera un momento."));
      if (!parsed?.success) return send({ type: "error", ...errorFor(raw) });
      // read again: a turn may have started while the limits were counted (that message's chat count is spent)
      if (busy)
        return send({ type: "error", error_code: "busy", mensaje: "Espera la respuesta anterior antes de escribir." });
      if (limits.refused === 1)
        return send(tooMany("Has hecho demasiadas solicitudes. Intenta de nuevo en un momento."));
      if (!(await stillAllowed())) return;
      busy = true;
      ownsTurn = true;
      let chunkIndex = 0;
      send({ type: "typing", is_typing: true });
      const result = await gateFor()(() =>
        runChatTurnWithTimeout(
          {
            chatId,
            text: parsed.data.mensaje,
            channel: "ws",
            tone: parsed.data.tono,
            instructions: parsed.data.instrucciones,
            principal,
          },
          {
            onStage: (etapa) => send({ type: "processing", ...previousStage(etapa), etapa }),
            onStart: (intent) => send({ type: "response_start", tipo_mensaje: intent, chat_id: chatId }),
            onDelta: (content) => send({ type: "response_chunk", content, chunk_index: chunkIndex++ }),
          },
        ),
      );
      const body = legacyTurnBody(result, requestId);
      if (result.botDisabled) {
        // a paused bot answers with one response_complete, as the previous system did (no start/chunks/end)
        return send({
          type: "response_complete",
          status: "warning",
          respuesta: body.respuesta,
          tipo_mensaje: "error",
          chat_id: chatId,
          metadatos: body.metadatos,
          estado_venta: body.estado_venta,
          request_id: requestId,
        });
      }
      send({
        type: "response_end",
        status: "success",
        respuesta_completa: body.respuesta,
        // the raw intent (`contexto` stays `contexto` here), as the previous system's WebSocket sent it
        tipo_mensaje: result.intent,
        estado_venta: body.estado_venta,
        metadatos: body.metadatos,
        sugerencias: body.sugerencias,
        chat_id: chatId,
        request_id: requestId,
      });
    } catch (error) {
      const timeout = isAppError(error) && error.detailCode === "timeout_error";
      if (!timeout) log.error("ws message failed", { chatId, requestId, err: error });
      send({
        type: "error",
        error_code: timeout ? "timeout_error" : "processing_error",
        mensaje: timeout
          ? "La respuesta tardó demasiado. Intenta de nuevo."
          : "No pudimos procesar tu mensaje. Intenta de nuevo.",
        request_id: requestId,
      });
    } finally {
      if (ownsTurn) {
        busy = false;
        send({ type: "typing", is_typing: false });
      }
    }
  });
}

/** Returns an upgrade handler for the custom server (true when the request was ours). */
export function createLegacyChatUpgrade(): (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const slots = createConnectionSlots();
  const tokens = new WeakMap<IncomingMessage, string>();
  wss.on("headers", (headers, req) => {
    const token = tokens.get(req);
    if (token) headers.push(`${CHAT_TOKEN_HEADER}: ${token}`);
  });
  return (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = PATH.exec(url.pathname);
    if (!match?.[1]) return false;
    const chatId = match[1];
    socket.on("error", () => socket.destroy());
    const address = clientIp(req);
    void (async () => {
      let slot: { release: () => void } | undefined;
      let caller: Caller;
      try {
        slot = slots.take(address);
        await enforceUpgradeRate(address);
        const principal = await principalOf(req).catch(() => null);
        const header = req.headers[CHAT_TOKEN_HEADER];
        const access = await authorizeChat({
          chatId,
          door: "legacy",
          purpose: "write",
          proof: { token: url.searchParams.get("token") ?? (typeof header === "string" ? header : null) },
          principal,
          clientIp: address,
        });
        caller = { access, principal, address };
      } catch (error) {
        slot?.release();
        return refuseUpgrade(socket, toAppError(error));
      }
      if (caller.access.token) tokens.set(req, caller.access.token);
      const taken = slot;
      socket.once("close", () => taken.release());
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.once("close", () => taken.release());
        onConnection(ws, caller);
      });
    })();
    return true;
  };
}
