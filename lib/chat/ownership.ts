import { chatTokenFor, isValidChatToken, mintChatId } from "@/lib/auth/chat-binding";
import { can } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { findConversationAccess } from "@/lib/db/conversation-access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkRateLimit, LIMITS } from "@/lib/ratelimit";

// Who may continue, read or listen to a conversation. Every chat door (web chat, its event stream, legacy
// /chat/texto, /chat/historial, image/audio and the WebSocket) asks here before the pipeline runs.
// - Staff (session or API key) may use any id, client-chosen ones included.
// - Otherwise the caller proves it started the conversation: the web chat's signed cookie or the legacy
//   chat_token handed out with a new conversation.
// - Legacy doors only: a conversation without personal data stays open as before, and an anonymous client may
//   open a new conversation on an id nobody can guess (a UUID it generated). Short or guessable ids (phone
//   numbers) are for API-key callers, so nobody can squat the id a WhatsApp bridge will use.
// Unknown and foreign ids get the same refusal, and every refusal counts against LIMITS.chatProbe.
export type ChatDoor = "web" | "legacy";
export type ChatPurpose = "write" | "read" | "listen";

export type ChatProof = { cookieChatIds?: readonly string[]; token?: string | null };

export type ChatAccessRequest = {
  /** null: the caller starts a new conversation and the server picks its id (legacy writes). */
  chatId: string | null;
  door: ChatDoor;
  purpose: ChatPurpose;
  proof: ChatProof;
  principal: Principal | null;
  clientIp: string;
};

export type ChatAccess = {
  chatId: string;
  /** No message is stored yet. */
  isNew: boolean;
  /** Proven (cookie, token) or staff. False: allowed only while the conversation holds no personal data. */
  owner: boolean;
  /** The chat_token to hand back (a new conversation at a legacy door). */
  token: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID, or 22+ characters (128 bits of base64url) that do not repeat a few symbols. */
export function isUnguessableChatId(chatId: string): boolean {
  if (UUID.test(chatId)) return !/^[0-]+$/.test(chatId.slice(0, 8));
  return chatId.length >= 22 && new Set(chatId).size >= 12;
}

const MESSAGES: Record<ChatDoor, string> = {
  web: "No encontramos esa conversación. Recarga la página para empezar una nueva.",
  legacy:
    "No encontramos esa conversación, o continuarla requiere el chat_token que recibiste al iniciarla. " +
    "Para empezar una nueva, envía el mensaje sin chat_id.",
};

async function refuse(request: ChatAccessRequest): Promise<never> {
  const limit = await checkRateLimit(LIMITS.chatProbe, `ip:${request.clientIp}`);
  if (!limit.allowed)
    throw new AppError(
      "rate_limited",
      "Demasiados intentos con conversaciones que no existen o no son tuyas. Espera unos minutos.",
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  throw new AppError("not_found", MESSAGES[request.door], { detailCode: "conversacion_no_encontrada" });
}

function isStaff(principal: Principal | null): boolean {
  return principal !== null && can(principal.role, "conversations:read");
}

function grant(chatId: string, request: ChatAccessRequest, isNew: boolean, owner: boolean): ChatAccess {
  const handsToken = request.door === "legacy" && request.purpose !== "read" && isNew;
  return { chatId, isNew, owner, token: handsToken ? chatTokenFor(chatId) : null };
}

export async function authorizeChat(request: ChatAccessRequest): Promise<ChatAccess> {
  if (request.chatId === null) {
    if (request.door === "legacy" && request.purpose === "write") return grant(mintChatId(), request, true, true);
    return refuse(request);
  }
  const chatId = request.chatId;
  const proven =
    isStaff(request.principal) ||
    (request.proof.cookieChatIds ?? []).includes(chatId) ||
    isValidChatToken(chatId, request.proof.token);
  const info = await findConversationAccess(chatId);
  const empty = !info || info.messageCount === 0;
  if (proven) return grant(chatId, request, empty, true);
  if (request.door === "web") return refuse(request);
  if (env().LEGACY_CHAT_OPEN_IDS) return grant(chatId, request, empty, false);
  if (info && info.channel !== "web" && !info.holdsPersonalData) {
    // an abandoned first turn left an empty row: whoever holds its unguessable id may still claim it
    if (empty && request.purpose !== "read" && isUnguessableChatId(chatId)) return grant(chatId, request, true, true);
    return grant(chatId, request, false, false);
  }
  if (!info && request.purpose !== "read" && isUnguessableChatId(chatId)) return grant(chatId, request, true, true);
  return refuse(request);
}

/**
 * For a connection allowed without proof (a conversation that held no personal data): is it still allowed?
 * Checked before every turn and every staff message, because personal data may arrive meanwhile.
 */
export async function stillOpenWithoutProof(chatId: string): Promise<boolean> {
  if (env().LEGACY_CHAT_OPEN_IDS) return true;
  const info = await findConversationAccess(chatId);
  return info !== null && info.channel !== "web" && !info.holdsPersonalData;
}
