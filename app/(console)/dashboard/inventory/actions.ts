"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import {
  inlineStockSchema,
  newProductSchema,
  productFieldsSchema,
  stockAdjustmentSchema,
} from "@/lib/console/product-schema";
import { applyBulkChange, previewBulkChange } from "@/lib/db/bulk-products";
import { createProduct, setProductActive, updateProduct } from "@/lib/db/products";
import { adjustStock, setStock } from "@/lib/db/stock";
import { MAX_BULK_PRODUCTS, MAX_PERCENT, MIN_PERCENT } from "@/lib/domain/bulk-products";
import { idSchema } from "@/lib/http/ids";

export const createProductAction = guardedAction("inventory:write", newProductSchema, async (input, principal) => {
  const product = await createProduct(input, principal);
  revalidatePath("/dashboard/inventory");
  return { id: product.id };
});

export const updateProductAction = guardedAction(
  "inventory:write",
  z.strictObject({ id: idSchema, fields: productFieldsSchema }),
  async ({ id, fields }, principal) => {
    await updateProduct(id, fields, principal);
    revalidatePath(`/dashboard/inventory/${id}`);
    return { id };
  },
);

export const setProductActiveAction = guardedAction(
  "inventory:write",
  z.strictObject({ id: idSchema, active: z.boolean() }),
  async ({ id, active }, principal) => {
    await setProductActive(id, active, principal);
    revalidatePath(`/dashboard/inventory/${id}`);
    return { id, active };
  },
);

export const adjustStockAction = guardedAction("stock:adjust", stockAdjustmentSchema, async (input, principal) => {
  const result = await adjustStock(input, principal);
  revalidatePath(`/dashboard/inventory/${input.productId}`);
  return result;
});

/** The inventory table's per-row form: a delta or a counted quantity, with its reason (audited either way). */
export const adjustStockInlineAction = guardedAction("stock:adjust", inlineStockSchema, async (input, principal) => {
  const result =
    input.mode === "set"
      ? await setStock({ productId: input.productId, quantity: input.quantity, reason: input.reason }, principal)
      : await adjustStock({ productId: input.productId, delta: input.delta, reason: input.reason }, principal);
  revalidatePath("/dashboard/inventory");
  revalidatePath(`/dashboard/inventory/${input.productId}`);
  return result;
});

const bulkChange = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("activate") }),
  z.strictObject({ type: z.literal("deactivate") }),
  z.strictObject({
    type: z.literal("category"),
    category: z.string().trim().min(1, "Escribe la categoría.").max(100, "Categoría demasiado larga."),
  }),
  z.strictObject({
    type: z.literal("price"),
    percent: z
      .number({ error: "Escribe el porcentaje." })
      .min(MIN_PERCENT, `El porcentaje debe estar entre ${MIN_PERCENT} % y +${MAX_PERCENT} %.`)
      .max(MAX_PERCENT, `El porcentaje debe estar entre ${MIN_PERCENT} % y +${MAX_PERCENT} %.`)
      .refine((n) => n !== 0, "El porcentaje no puede ser 0."),
  }),
]);
const bulkInput = z.strictObject({
  ids: z.array(idSchema).min(1, "Selecciona al menos un producto.").max(MAX_BULK_PRODUCTS),
  change: bulkChange,
});

/** What a bulk change would do (nothing is written). */
export const previewBulkAction = guardedAction("inventory:write", bulkInput, async ({ ids, change }) => ({
  rows: await previewBulkChange(ids, change),
}));

/** The bulk change in one audited transaction. */
export const applyBulkAction = guardedAction("inventory:write", bulkInput, async ({ ids, change }, principal) => {
  const result = await applyBulkChange(ids, change, principal);
  revalidatePath("/dashboard/inventory");
  return { changed: result.changed };
});
