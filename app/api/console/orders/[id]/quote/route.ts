import { createQuoteForOrder } from "@/lib/documents/quotes";
import { AppError } from "@/lib/errors";
import { parseId } from "@/lib/http/ids";
import { guardedRoute, json } from "@/lib/http/route";

// A formal quote (PDF) of one order, from the console's order page: a numbered PDF and an expiring link.
export const POST = guardedRoute<{ id: string }>("orders:write", async ({ params, principal }) => {
  const id = parseId(params.id);
  if (id === null) throw new AppError("not_found", "El pedido no existe.");
  const link = await createQuoteForOrder(id, principal);
  return json({ numero: link.number, url: link.url, expira: link.expiresAt, valida_hasta: link.validUntil });
});
