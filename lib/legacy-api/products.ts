import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { type NewProduct, newProductSchema, productFieldsSchema } from "@/lib/console/product-schema";
import { findProductByExactName, resolveApiProductId } from "@/lib/db/legacy-api";
import { createProduct, getProduct, setProductActive, updateProduct } from "@/lib/db/products";
import { adjustStock } from "@/lib/db/stock";
import { AppError, type FieldErrors } from "@/lib/errors";
import { parseId } from "@/lib/http/ids";
import type { productoCreateBody, productoUpdateBody } from "@/lib/legacy-api/requests";

// Legacy product writes go through the console's own functions (same validation, audit and stock rules).
const SPANISH_FIELD: Record<string, string> = {
  sku: "sku",
  name: "nombre",
  description: "descripcion",
  price: "precio",
  category: "categoria",
  brand: "marca",
  unit: "unidad",
  standard: "norma",
  synonyms: "sinonimos",
  stock: "stock",
};

function validated<S extends typeof newProductSchema | typeof productFieldsSchema>(
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.output<S>;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "_");
    fields[SPANISH_FIELD[key] ?? key] ??= issue.message;
  }
  throw new AppError("invalid_input", "Los datos del producto no son válidos.", { fields });
}

type Body = z.output<typeof productoCreateBody>;

function toFields(body: Partial<Body>) {
  return {
    sku: body.sku,
    name: body.nombre,
    description: body.descripcion ?? "",
    price: body.precio,
    category: body.categoria,
    brand: body.marca ?? "",
    unit: body.unidad ?? "unidad",
    standard: body.norma ?? "",
    synonyms: body.sinonimos ?? "",
  };
}

/**
 * POST /productos/. With a `sku` (ours): a new product, 409 if the SKU exists. Without one (the previous
 * system's body): an upsert on the exact `nombre` — an existing product is updated and reactivated, a new one
 * gets a generated SKU marked as not chosen by the shop.
 */
export async function createLegacyProduct(body: Body, principal: Principal) {
  const { activo, ...fields } = body;
  if (!fields.sku) {
    const existing = await findProductByExactName(fields.nombre.trim());
    if (existing) {
      const { sku: _, ...changes } = fields;
      return {
        created: false,
        product: await updateLegacyProduct(existing.id, { ...changes, activo: activo ?? true }, principal),
      };
    }
  }
  const sku =
    fields.sku ?? `API-${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString("hex").toUpperCase()}`;
  const input: NewProduct = validated(newProductSchema, { ...toFields({ ...fields, sku }), stock: fields.stock ?? 0 });
  const product = await createProduct(input, principal, { skuInternal: !fields.sku, active: activo });
  return { created: true, product };
}

export async function updateLegacyProduct(id: number, body: z.output<typeof productoUpdateBody>, principal: Principal) {
  const current = await getProduct(id);
  if (!current) throw new AppError("not_found", "El producto no existe.");
  const merged = {
    sku: body.sku ?? current.sku,
    name: body.nombre ?? current.name,
    description: body.descripcion ?? current.description,
    price: body.precio ?? current.price,
    category: body.categoria ?? current.category,
    brand: body.marca ?? current.brand,
    unit: body.unidad ?? current.unit,
    standard: body.norma === undefined ? (current.standard ?? "") : (body.norma ?? ""),
    synonyms: body.sinonimos ?? current.synonyms,
  };
  const fieldsChanged = Object.keys(body).some((k) => k !== "stock" && k !== "activo");
  if (fieldsChanged) await updateProduct(id, validated(productFieldsSchema, merged), principal);
  if (body.stock !== undefined && body.stock !== current.stock) {
    await adjustStock(
      { productId: id, delta: body.stock - current.stock, reason: "Ajuste por API (PUT /productos)" },
      principal,
    );
  }
  if (body.activo !== undefined) await setProductActive(id, body.activo, principal);
  return (await getProduct(id)) ?? current;
}

/** The product a legacy path names: the previous system's id after an import, else ours. */
/** The previous system's exact 404 text (the id echoed, cut short: it comes from the URL). */
export function productNotFound(raw: string | number | undefined): AppError {
  return new AppError("not_found", `Producto con ID ${String(raw ?? "").slice(0, 20)} no encontrado`);
}

export async function parseProductId(raw: string | undefined): Promise<number> {
  const id = parseId(raw);
  const resolved = id === null ? null : await resolveApiProductId(id);
  if (resolved === null) throw productNotFound(raw);
  return resolved;
}
