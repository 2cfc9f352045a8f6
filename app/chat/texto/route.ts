import { legacyTurnBody, newChatId, rateSubject, textoBody } from "@/lib/chat/legacy";
import { runChatTurnWithTimeout } from "@/lib/chat/pipeline";
import { readJson } from "@/lib/http/body";
import { json, publicRoute } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";

// Legacy text chat: one customer message in, the whole answer out (same pipeline as the web chat and WS).
export const POST = publicRoute(async ({ req, principal, requestId }) => {
  await enforceRateLimit(LIMITS.chat, rateSubject(req, principal));
  const body = await readJson(req, textoBody, 16 * 1024);
  const result = await runChatTurnWithTimeout({
    chatId: body.chat_id ?? newChatId(),
    text: body.mensaje,
    channel: "api",
    tone: body.tono,
    instructions: body.instrucciones,
    llm: body.llm,
    principal,
  });
  return json(legacyTurnBody(result, requestId));
});
