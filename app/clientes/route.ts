import { listClientsForApi } from "@/lib/db/legacy-api";
import { readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { clientesQuery } from "@/lib/legacy-api/requests";
import { toCliente } from "@/lib/legacy-api/shapes";

// Legacy API: GET /clientes/ — the previous envelope {clientes, total, busqueda}; the total also in a header.
export const GET = guardedRoute("clients:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, clientesQuery);
  const { rows, total } = await listClientsForApi(q);
  return json(
    { clientes: rows.map(toCliente), total, busqueda: q.q ?? null },
    { headers: { "x-total-count": String(total) } },
  );
});
