"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { newProductSchema, productFieldsSchema, stockAdjustmentSchema } from "@/lib/console/product-schema";
import { createProduct, setProductActive, updateProduct } from "@/lib/db/products";
import { adjustStock } from "@/lib/db/stock";
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
