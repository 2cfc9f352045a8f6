import { authorizeWebChat } from "@/lib/chat/chat-proof";
import { CHAT_ID } from "@/lib/chat/legacy";
import { chatState } from "@/lib/chat/shop-state";
import { invalidInput } from "@/lib/errors";
import { json, publicRoute } from "@/lib/http/route";

// The shop page's state around the messages (who attends, the order panel, the latest quote), from the
// database. Only for the browser whose conversation cookie names the chat, or staff (lib/chat/ownership.ts).
export const dynamic = "force-dynamic";

export const GET = publicRoute<{ chatId: string }>(async ({ req, params, principal }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  const chatId = await authorizeWebChat(req, parsed.data, principal, "read");
  return json(await chatState(chatId), { headers: { "cache-control": "no-store" } });
});
