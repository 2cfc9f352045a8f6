import { authorizeWebChat } from "@/lib/chat/chat-proof";
import { CHAT_ID, rateSubject } from "@/lib/chat/legacy";
import { createQuoteForChat } from "@/lib/documents/quotes";
import { invalidInput } from "@/lib/errors";
import { json, publicRoute } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";

// "Descargar cotización" in the shop's cart: the chat's current cart as a formal quote (PDF) with an expiring
// link. Only for the browser whose conversation cookie names the chat, or staff (lib/chat/ownership.ts).
export const POST = publicRoute<{ chatId: string }>(async ({ req, params, principal }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  await enforceRateLimit(LIMITS.chat, rateSubject(req, principal));
  const chatId = await authorizeWebChat(req, parsed.data, principal, "write");
  const link = await createQuoteForChat(chatId);
  return json({ numero: link.number, url: link.url, expira: link.expiresAt, valida_hasta: link.validUntil });
});
