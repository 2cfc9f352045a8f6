import { listOrdersForApi } from "@/lib/db/legacy-api";
import { OPEN_ORDER_STATES } from "@/lib/db/orders";
import { readQuery } from "@/lib/http/body";
import { guardedRoute } from "@/lib/http/route";
import { pedidosQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: GET /pedidos/ — open orders by default; `estado` picks one state (any, closed included).
export const GET = guardedRoute("orders:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, pedidosQuery);
  const { rows, total } = await listOrdersForApi({
    limit: q.limit,
    offset: q.offset,
    states: q.estado ? [q.estado] : [...OPEN_ORDER_STATES],
    dateField: "createdAt",
  });
  return listJson(rows.map(toVenta), total);
});
