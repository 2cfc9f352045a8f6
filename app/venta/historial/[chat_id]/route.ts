import { listSaleLines } from "@/lib/db/legacy-sale-lines";
import { readQuery } from "@/lib/http/body";
import { guardedRoute } from "@/lib/http/route";
import { ventaLineasQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toVentaFila } from "@/lib/legacy-api/sale-rows";

// Legacy API: GET /venta/historial/{chat_id} — the chat's sold lines, newest first; a chat without sales
// answers an empty list, as before (this API is staff-only, so it reveals nothing to a stranger).
export const GET = guardedRoute<{ chat_id: string }>("orders:read", async ({ req, params }) => {
  const page = readQuery(req.nextUrl, ventaLineasQuery);
  const chatId = decodeURIComponent(params.chat_id ?? "").trim();
  const { rows, total } = await listSaleLines({ ...page, chatId });
  return listJson(rows.map(toVentaFila), total);
});
