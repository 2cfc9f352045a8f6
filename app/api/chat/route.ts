import { z } from "zod";
import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID, MESSAGE_TEXT, rateSubject, TONE } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { webChatResponse } from "@/lib/chat/web-stream";
import { readJson } from "@/lib/http/body";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { publicRoute } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";

// The customer web chat (useChat + DefaultChatTransport). The browser sends only its chat id and the new
// text: history and the open sale are always read from the database, never trusted from the client. The
// chat id must be the one the browser's signed cookie names (POST /api/chat/session), or the caller staff.
const body = z.strictObject({ chatId: CHAT_ID, mensaje: MESSAGE_TEXT, tono: TONE.optional() });

export const POST = publicRoute(async ({ req, principal }) => {
  await enforceRateLimit(LIMITS.chat, rateSubject(req, principal));
  const input = await readJson(req, body, 16 * 1024);
  const access = await authorizeChat({
    chatId: input.chatId,
    door: "web",
    purpose: "write",
    proof: chatProofOf(req),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
  return webChatResponse({
    chatId: access.chatId,
    text: input.mensaje,
    channel: "web",
    tone: input.tono,
    principal,
  });
});
