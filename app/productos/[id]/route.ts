import { getProduct, setProductActive } from "@/lib/db/products";
import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { parseProductId, productNotFound, updateLegacyProduct } from "@/lib/legacy-api/products";
import { productoUpdateBody } from "@/lib/legacy-api/requests";
import { toProducto } from "@/lib/legacy-api/shapes";

// Legacy API: GET/PUT/DELETE /productos/{id}. DELETE deactivates (orders keep referring to the product).
type Params = { id: string };

export const GET = guardedRoute<Params>("inventory:read", async ({ params }) => {
  const product = await getProduct(await parseProductId(params.id));
  if (!product) throw productNotFound(params.id);
  return json(toProducto(product));
});

export const PUT = guardedRoute<Params>("inventory:write", async ({ req, params, principal }) => {
  const id = await parseProductId(params.id);
  const body = await readJson(req, productoUpdateBody);
  return json(toProducto(await updateLegacyProduct(id, body, principal)));
});

export const DELETE = guardedRoute<Params>("inventory:write", async ({ params, principal }) => {
  const product = await setProductActive(await parseProductId(params.id), false, principal);
  return json({ eliminado: true, mensaje: "Producto desactivado.", producto: toProducto(product) });
});
