import { z } from "zod";
import { CHAT_ID, legacyHistoryEntry } from "@/lib/chat/legacy";
import { listConversationMessages } from "@/lib/db/conversations";
import { invalidInput } from "@/lib/errors";
import { json, publicRoute } from "@/lib/http/route";

// Legacy history of one chat, oldest first. An unknown chat id has an empty history.
const params = z.strictObject({ chat_id: CHAT_ID });

export const GET = publicRoute<{ chat_id: string }>(async ({ params: raw }) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, "El chat_id no es válido.");
  const messages = await listConversationMessages(parsed.data.chat_id);
  return json({ data: messages.map(legacyHistoryEntry) });
});
