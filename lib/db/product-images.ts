import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// The product photo's storage key (the files themselves live in lib/storage); changes are audited.

/** Sets (or clears, with null) a product's photo; returns the key it replaces so its files can be deleted. */
export async function setProductImageKey(productId: number, imageKey: string | null, principal: Principal) {
  return db().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: productId }, select: { imageKey: true, sku: true } });
    if (!product) throw new AppError("not_found", "El producto no existe.");
    await tx.product.update({ where: { id: productId }, data: { imageKey } });
    await recordAudit(
      principal,
      {
        action: imageKey ? "product.image" : "product.image_remove",
        entityType: "product",
        entityId: productId,
        before: { imageKey: product.imageKey },
        after: { imageKey },
      },
      tx,
    );
    return { previous: product.imageKey, sku: product.sku };
  });
}

export async function findProductImageKey(productId: number): Promise<string | null | undefined> {
  const row = await db().product.findUnique({ where: { id: productId }, select: { imageKey: true } });
  return row ? row.imageKey : undefined;
}
