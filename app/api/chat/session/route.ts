import { z } from "zod";
import { chatCookieHeader, MAX_COOKIE_CHATS, mintChatId } from "@/lib/auth/chat-binding";
import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID } from "@/lib/chat/legacy";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/body";
import { isHttpsFromHeaders } from "@/lib/http/client-ip";
import { json, publicRoute } from "@/lib/http/route";

// The web chat's conversations: the server picks each id (unguessable) and binds it to this browser with an
// httpOnly signed cookie listing its conversations, newest first. `{}` → the current one (a new one if none),
// `{nueva: true}` → a new one, `{chatId}` → one of this browser's earlier ones (any other id: the same 404 as an
// unknown conversation). The id alone opens nothing (lib/chat/ownership.ts).
const body = z.strictObject({
  nueva: z.boolean({ error: "nueva debe ser true o false." }).optional(),
  chatId: CHAT_ID.optional(),
});

export const POST = publicRoute(async ({ req }) => {
  const input = await readJson(req, body, 1024);
  const owned = [...(chatProofOf(req).cookieChatIds ?? [])];
  if (input.chatId && !owned.includes(input.chatId))
    throw new AppError("not_found", "No encontramos esa conversación en este navegador.", {
      detailCode: "conversacion_no_encontrada",
    });
  const chatId = input.chatId ?? (!input.nueva && owned[0] ? owned[0] : mintChatId());
  const list = [chatId, ...owned.filter((id) => id !== chatId)].slice(0, MAX_COOKIE_CHATS);
  return json(
    { chatId },
    { headers: { "set-cookie": chatCookieHeader(list, isHttpsFromHeaders(req.headers)), "cache-control": "no-store" } },
  );
});
