import { publishTakeover } from "@/lib/console/inbox-events";
import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { parseChatId, setConversationBot } from "@/lib/legacy-api/chat-control";
import { toggleBody } from "@/lib/legacy-api/requests";

// Legacy API: POST /chat-control/conversacion/{chat_id}/toggle — hand a chat to a person or back to the bot.
export const POST = guardedRoute<{ id: string }>("conversations:takeover", async ({ req, params, principal }) => {
  const chatId = parseChatId(params.id);
  // a state change needs a JSON body (`{}` flips, `{"activo": …}` sets): never an empty POST
  const body = await readJson(req, toggleBody);
  const result = await setConversationBot(chatId, body.activo, principal, body.motivo ?? null);
  // as the console's takeover does: the customer's web chat and WebSocket, on whichever instance, hear it
  await publishTakeover(chatId, result.bot_activo, result.bot_activo ? null : principal.name);
  return json(result);
});
