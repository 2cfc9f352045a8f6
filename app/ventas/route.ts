import { listOrdersForApi } from "@/lib/db/legacy-api";
import { colombiaDayStart } from "@/lib/exports/request";
import { readQuery } from "@/lib/http/body";
import { guardedRoute } from "@/lib/http/route";
import { ventasQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: GET /ventas/ — closed sales, newest first; `desde`/`hasta` are days in Colombia (inclusive).
export const GET = guardedRoute("orders:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, ventasQuery);
  const { rows, total } = await listOrdersForApi({
    limit: q.limit,
    offset: q.offset,
    states: ["cerrada"],
    dateField: "closedAt",
    from: q.desde ? colombiaDayStart(q.desde) : undefined,
    to: q.hasta ? colombiaDayStart(q.hasta, 1) : undefined,
  });
  return listJson(rows.map(toVenta), total);
});
