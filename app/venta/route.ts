import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { ventaBody } from "@/lib/legacy-api/requests";
import { registerLegacySale } from "@/lib/legacy-api/sales";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: POST /venta/ — registers a closed sale (server prices; a mismatched total writes nothing).
export const POST = guardedRoute("orders:write", async ({ req, principal, requestId }) => {
  const body = await readJson(req, ventaBody);
  const order = await registerLegacySale(body, principal, requestId);
  return json({ ok: true, mensaje: `Venta ${order.number} registrada.`, venta: toVenta(order) }, { status: 201 });
});
