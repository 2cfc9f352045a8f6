import { CHAT_ID, rateSubject } from "@/lib/chat/legacy";
import { createQuoteForChat } from "@/lib/documents/quotes";
import { invalidInput } from "@/lib/errors";
import { json, publicRoute } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";

// "Descargar cotización" in the shop's cart: the chat's current cart as a formal quote (PDF) with an expiring
// link. The chat id is the customer's random key, as for the chat itself.
export const POST = publicRoute<{ chatId: string }>(async ({ req, params, principal }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  await enforceRateLimit(LIMITS.chat, rateSubject(req, principal));
  const link = await createQuoteForChat(parsed.data);
  return json({ numero: link.number, url: link.url, expira: link.expiresAt, valida_hasta: link.validUntil });
});
