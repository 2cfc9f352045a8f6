import { z } from "zod";
import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID, legacyHistoryEntry } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { listConversationMessages } from "@/lib/db/conversations";
import { invalidInput } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { json, publicRoute } from "@/lib/http/route";

// Legacy history of one chat, oldest first. Needs the conversation's chat_token (X-Chat-Token or ?token=),
// the web chat's cookie, or staff, unless the conversation holds no personal data (lib/chat/ownership.ts).
// Unknown and foreign ids get the same 404.
const params = z.strictObject({ chat_id: CHAT_ID });

export const GET = publicRoute<{ chat_id: string }>(async ({ req, params: raw, principal }) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, "El chat_id no es válido.");
  const access = await authorizeChat({
    chatId: parsed.data.chat_id,
    door: "legacy",
    purpose: "read",
    proof: chatProofOf(req),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
  const messages = await listConversationMessages(access.chatId);
  return json({ data: messages.map(legacyHistoryEntry) }, { headers: { "cache-control": "no-store" } });
});
