import { chatProofOf, chatTokenHeaders } from "@/lib/chat/chat-proof";
import { legacyTurnBody, rateSubject, textoBody } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { runChatTurnWithTimeout } from "@/lib/chat/pipeline";
import { readJson } from "@/lib/http/body";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { json, publicRoute } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";

// Legacy text chat: one customer message in, the whole answer out (same pipeline as the web chat and WS).
// A new conversation's answer carries its chat_token (body and X-Chat-Token); see lib/chat/ownership.ts.
export const POST = publicRoute(async ({ req, principal, requestId }) => {
  await enforceRateLimit(LIMITS.chat, rateSubject(req, principal));
  const body = await readJson(req, textoBody, 16 * 1024);
  const access = await authorizeChat({
    chatId: body.chat_id ?? null,
    door: "legacy",
    purpose: "write",
    proof: chatProofOf(req, body.chat_token),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
  const result = await runChatTurnWithTimeout({
    chatId: access.chatId,
    text: body.mensaje,
    channel: "api",
    tone: body.tono,
    instructions: body.instrucciones,
    llm: body.llm,
    principal,
  });
  const token = access.token ? { chat_token: access.token } : {};
  return json({ ...legacyTurnBody(result, requestId), ...token }, { headers: chatTokenHeaders(access.token) });
});
