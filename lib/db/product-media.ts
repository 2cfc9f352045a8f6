import { db } from "@/lib/db/client";

// What the shop shows with a product besides its catalogue data: the photo and whether its SKU may be shown.
// Read-only and free of auth imports: the chat pipeline (also loaded by the custom server) uses it.
export type ProductMedia = { imageKey: string | null; skuInternal: boolean };

export async function findProductMedia(skus: readonly string[]): Promise<Map<string, ProductMedia>> {
  if (skus.length === 0) return new Map();
  const rows = await db().product.findMany({
    where: { sku: { in: [...new Set(skus)] } },
    select: { sku: true, imageKey: true, skuInternal: true },
  });
  return new Map(rows.map((r) => [r.sku, { imageKey: r.imageKey, skuInternal: r.skuInternal }]));
}
