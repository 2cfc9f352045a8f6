import { z } from "zod";
import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID, legacyHistoryBody } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { listConversationMessages } from "@/lib/db/conversations";
import { invalidInput } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { json, publicRoute } from "@/lib/http/route";

// Legacy history of one chat, oldest first. Needs the conversation's chat_token (X-Chat-Token or ?token=),
// the web chat's cookie, or staff, unless the conversation holds no personal data (lib/chat/ownership.ts).
// Unknown and foreign ids get the same 404.
const params = z.strictObject({ chat_id: CHAT_ID });
const query = z.object({
  limite: z.coerce
    .number({ error: "limite debe ser un número." })
    .int("limite debe ser un entero.")
    .min(1, "limite debe estar entre 1 y 500.")
    .max(500, "limite debe estar entre 1 y 500.")
    .default(50),
});

export const GET = publicRoute<{ chat_id: string }>(async ({ req, params: raw, principal, requestId }) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, "El chat_id no es válido.");
  const limit = query.safeParse({ limite: new URL(req.url).searchParams.get("limite") ?? undefined });
  if (!limit.success) throw invalidInput(limit.error, "El parámetro limite no es válido.");
  const access = await authorizeChat({
    chatId: parsed.data.chat_id,
    door: "legacy",
    purpose: "read",
    proof: chatProofOf(req),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
  const messages = await listConversationMessages(access.chatId, limit.data.limite);
  return json(legacyHistoryBody(access.chatId, limit.data.limite, messages, requestId), {
    headers: { "cache-control": "no-store" },
  });
});
