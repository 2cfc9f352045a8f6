import { guardedRoute, json } from "@/lib/http/route";
import { parseChatId, shouldRespond } from "@/lib/legacy-api/chat-control";

// Legacy API: GET /chat-control/debe-responder/{chat_id} — whether the bot should answer this chat now.
export const GET = guardedRoute<{ id: string }>("conversations:read", async ({ params }) => {
  return json(await shouldRespond(parseChatId(params.id)));
});
