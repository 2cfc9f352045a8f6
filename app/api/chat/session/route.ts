import { z } from "zod";
import { chatCookieHeader, mintChatId } from "@/lib/auth/chat-binding";
import { chatProofOf } from "@/lib/chat/chat-proof";
import { readJson } from "@/lib/http/body";
import { isHttpsFromHeaders } from "@/lib/http/client-ip";
import { json, publicRoute } from "@/lib/http/route";

// The web chat's conversation: the server picks an unguessable id and binds it to this browser with an
// httpOnly signed cookie; `{nueva: true}` starts another one. The id alone opens nothing (lib/chat/ownership.ts).
const body = z.strictObject({ nueva: z.boolean({ error: "nueva debe ser true o false." }).optional() });

export const POST = publicRoute(async ({ req }) => {
  const input = await readJson(req, body, 1024);
  const current = chatProofOf(req).cookieChatId;
  const chatId = !input.nueva && current ? current : mintChatId();
  return json(
    { chatId },
    {
      headers: { "set-cookie": chatCookieHeader(chatId, isHttpsFromHeaders(req.headers)), "cache-control": "no-store" },
    },
  );
});
