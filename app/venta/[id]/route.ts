import { getSaleLine } from "@/lib/db/legacy-sale-lines";
import { AppError } from "@/lib/errors";
import { guardedRoute, json } from "@/lib/http/route";
import { toVentaFila } from "@/lib/legacy-api/sale-rows";

// Legacy API: GET /venta/{id} — one sold line (the previous system's `ventas` row), by the id that
// POST /venta/'s `ventas_creadas[].venta_id` and GET /venta/ give.
const NOT_FOUND = "Venta no encontrada"; // the previous system's exact text

export const GET = guardedRoute<{ id: string }>("orders:read", async ({ params }) => {
  const raw = params.id ?? "";
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const line = id === null ? null : await getSaleLine(id);
  if (!line) throw new AppError("not_found", NOT_FOUND);
  return json(toVentaFila(line));
});
