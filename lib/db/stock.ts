import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db, type DbTransaction as Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type StockChange = { stockBefore: number; stockAfter: number };

/**
 * Adds `delta` units (negative to remove) with a reason, as one transaction: a conditional update that never
 * takes stock below zero (safe against a concurrent sale), the StockMovement and the audit entry.
 */
export async function adjustStock(
  input: { productId: number; delta: number; reason: string },
  principal: Principal,
): Promise<StockChange> {
  return db().$transaction(async (tx) => {
    await currentStock(tx, input.productId);
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
    return recordAdjustment(tx, input.productId, input.delta, input.reason, principal);
  });
}

/**
 * Sets the stock to a counted quantity (a physical count), recorded as the adjustment it amounts to. The write
 * is conditional on the stock read in the same transaction, so a sale that lands in between is not silently
 * overwritten: the count is refused and the person counts again against the new figure.
 */
export async function setStock(
  input: { productId: number; quantity: number; reason: string },
  principal: Principal,
): Promise<StockChange> {
  return db().$transaction(async (tx) => {
    const before = await currentStock(tx, input.productId);
    const delta = input.quantity - before;
    if (delta === 0) {
      throw new AppError("invalid_input", `El stock ya es ${before}: no hay nada que ajustar.`, {
        fields: { quantity: "Es la cantidad que ya hay." },
      });
    }
    const updated = await tx.product.updateMany({
      where: { id: input.productId, stock: before },
      data: { stock: input.quantity },
    });
    if (updated.count === 0) {
      throw new AppError("conflict", "El stock cambió mientras lo editabas. Revisa la cantidad e intenta de nuevo.", {
        fields: { quantity: "El stock cambió; vuelve a contarlo." },
      });
    }
    return recordAdjustment(tx, input.productId, delta, input.reason, principal);
  });
}

async function currentStock(tx: Tx, productId: number): Promise<number> {
  const product = await tx.product.findUnique({ where: { id: productId }, select: { stock: true } });
  if (!product) throw new AppError("not_found", "El producto no existe.");
  return product.stock;
}

/** The StockMovement and the audit entry of an applied change, inside the change's transaction. */
async function recordAdjustment(
  tx: Tx,
  productId: number,
  delta: number,
  reason: string,
  principal: Principal,
): Promise<StockChange> {
  const after = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true } });
  const stockBefore = after.stock - delta;
  await tx.stockMovement.create({
    data: {
      productId,
      delta,
      stockAfter: after.stock,
      reason: "adjustment",
      note: reason,
      userId: principal.kind === "user" ? principal.id : null,
    },
  });
  await recordAudit(
    principal,
    {
      action: "stock.adjust",
      entityType: "product",
      entityId: productId,
      before: { stock: stockBefore },
      after: { stock: after.stock },
      reason,
    },
    tx,
  );
  return { stockBefore, stockAfter: after.stock };
}

export function listStockMovements(productId: number, take = 50) {
  return db().stockMovement.findMany({
    where: { productId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { user: { select: { name: true, email: true } }, order: { select: { id: true, number: true } } },
  });
}
