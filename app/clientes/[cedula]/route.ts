import { getClientWithHistory } from "@/lib/db/legacy-api";
import { AppError } from "@/lib/errors";
import { guardedRoute, json } from "@/lib/http/route";
import { toCliente, toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: GET /clientes/{cedula} — {cliente} as before, plus our `historial` (the client's orders).
const NOT_FOUND = "Cliente no encontrado"; // the previous system's exact text

export const GET = guardedRoute<{ cedula: string }>("clients:read", async ({ params }) => {
  const cedula = decodeURIComponent(params.cedula ?? "").trim();
  if (!/^[\w-]{3,20}$/.test(cedula)) throw new AppError("not_found", NOT_FOUND);
  const found = await getClientWithHistory(cedula);
  if (!found) throw new AppError("not_found", NOT_FOUND);
  return json({ cliente: toCliente(found.client), historial: found.orders.map(toVenta) });
});
