import { getClientWithHistory } from "@/lib/db/legacy-api";
import { AppError } from "@/lib/errors";
import { guardedRoute, json } from "@/lib/http/route";
import { toCliente, toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: GET /clientes/{cedula} — the client with their purchase history.
export const GET = guardedRoute<{ cedula: string }>("clients:read", async ({ params }) => {
  const cedula = decodeURIComponent(params.cedula ?? "").trim();
  if (!/^[\w-]{3,20}$/.test(cedula)) throw new AppError("not_found", "El cliente no existe.");
  const found = await getClientWithHistory(cedula);
  if (!found) throw new AppError("not_found", "No hay un cliente con esa cédula.");
  return json({ ...toCliente(found.client), historial: found.orders.map(toVenta) });
});
