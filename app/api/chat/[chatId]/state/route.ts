import { CHAT_ID } from "@/lib/chat/legacy";
import { chatState } from "@/lib/chat/shop-state";
import { invalidInput } from "@/lib/errors";
import { json, publicRoute } from "@/lib/http/route";

// The shop page's state around the messages (who attends, the order panel, the latest quote), from the
// database. The chat id is the customer's random, unguessable key, as for the chat and its event stream.
export const dynamic = "force-dynamic";

export const GET = publicRoute<{ chatId: string }>(async ({ params }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  return json(await chatState(parsed.data), { headers: { "cache-control": "no-store" } });
});
