import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Adds `delta` units (negative to remove) with a reason, as one transaction: a conditional update that never
 * takes stock below zero (safe against a concurrent sale), the StockMovement and the audit entry.
 */
export async function adjustStock(
  input: { productId: number; delta: number; reason: string },
  principal: Principal,
): Promise<{ stockBefore: number; stockAfter: number }> {
  return db().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: input.productId }, select: { id: true, stock: true } });
    if (!product) throw new AppError("not_found", "El producto no existe.");
    const guard = input.delta < 0 ? { stock: { gte: -input.delta } } : {};
    const updated = await tx.product.updateMany({
      where: { id: input.productId, ...guard },
      data: { stock: { increment: input.delta } },
    });
    if (updated.count === 0) {
      throw new AppError("conflict", "No hay suficiente stock para descontar esa cantidad.", {
        fields: { delta: "La cantidad a descontar supera el stock disponible." },
      });
    }
    const after = await tx.product.findUniqueOrThrow({ where: { id: input.productId }, select: { stock: true } });
    const stockBefore = after.stock - input.delta;
    await tx.stockMovement.create({
      data: {
        productId: input.productId,
        delta: input.delta,
        stockAfter: after.stock,
        reason: "adjustment",
        note: input.reason,
        userId: principal.kind === "user" ? principal.id : null,
      },
    });
    await recordAudit(
      principal,
      {
        action: "stock.adjust",
        entityType: "product",
        entityId: input.productId,
        before: { stock: stockBefore },
        after: { stock: after.stock },
        reason: input.reason,
      },
      tx,
    );
    return { stockBefore, stockAfter: after.stock };
  });
}

export function listStockMovements(productId: number, take = 50) {
  return db().stockMovement.findMany({
    where: { productId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { user: { select: { name: true, email: true } }, order: { select: { id: true, number: true } } },
  });
}
