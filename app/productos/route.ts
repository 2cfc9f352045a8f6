import { listProductsForApi } from "@/lib/db/legacy-api";
import { readJson, readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { createLegacyProduct } from "@/lib/legacy-api/products";
import { productoCreateBody, productosQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toProducto } from "@/lib/legacy-api/shapes";

// Legacy API: GET/POST /productos/
export const GET = guardedRoute("inventory:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, productosQuery);
  const { rows, total } = await listProductsForApi({
    ...q,
    activo: q.activo === undefined ? undefined : q.activo === "true",
  });
  return listJson(rows.map(toProducto), total);
});

export const POST = guardedRoute("inventory:write", async ({ req, principal }) => {
  const body = await readJson(req, productoCreateBody);
  const { product, created } = await createLegacyProduct(body, principal);
  return json(toProducto(product), { status: created ? 201 : 200 });
});
