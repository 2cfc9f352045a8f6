import { listClientsForApi } from "@/lib/db/legacy-api";
import { readQuery } from "@/lib/http/body";
import { guardedRoute } from "@/lib/http/route";
import { clientesQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toCliente } from "@/lib/legacy-api/shapes";

// Legacy API: GET /clientes/
export const GET = guardedRoute("clients:read", async ({ req }) => {
  const { rows, total } = await listClientsForApi(readQuery(req.nextUrl, clientesQuery));
  return listJson(rows.map(toCliente), total);
});
