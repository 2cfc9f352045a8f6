import type { Principal } from "@/lib/auth/principal";
import { type NewProduct, normaliseSynonyms, type ProductFields } from "@/lib/console/product-schema";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { productSearchText } from "@/lib/text";

export function countActiveProducts(): Promise<number> {
  return db().product.count({ where: { active: true } });
}

export function getProduct(id: number) {
  return db().product.findUnique({ where: { id } });
}

function toColumns(fields: ProductFields) {
  const synonyms = normaliseSynonyms(fields.synonyms);
  const standard = fields.standard || null;
  return {
    sku: fields.sku,
    name: fields.name,
    category: fields.category,
    brand: fields.brand,
    price: fields.price,
    unit: fields.unit,
    standard,
    description: fields.description,
    synonyms,
    lowStockThreshold: fields.lowStockThreshold ?? null,
    searchText: productSearchText({ ...fields, standard, synonyms }),
  };
}

async function assertSkuFree(sku: string, exceptId?: number): Promise<void> {
  const existing = await db().product.findUnique({ where: { sku }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw new AppError("conflict", "Ya existe un producto con ese SKU.", {
      fields: { sku: "Este SKU ya está en uso." },
    });
  }
}

/** `skuInternal`: the SKU was generated, not chosen by the shop (customers are shown the name instead). */
export async function createProduct(
  input: NewProduct,
  principal: Principal,
  options: { skuInternal?: boolean; active?: boolean } = {},
) {
  await assertSkuFree(input.sku);
  return db().$transaction(async (tx) => {
    const product = await tx.product.create({
      data: {
        ...toColumns(input),
        stock: input.stock,
        ...(options.skuInternal ? { skuInternal: true } : {}),
        ...(options.active === false ? { active: false } : {}),
      },
    });
    if (input.stock > 0) {
      await tx.stockMovement.create({
        data: {
          productId: product.id,
          delta: input.stock,
          stockAfter: input.stock,
          reason: "adjustment",
          note: "Stock inicial",
          userId: principal.kind === "user" ? principal.id : null,
        },
      });
    }
    await recordAudit(
      principal,
      { action: "product.create", entityType: "product", entityId: product.id, after: product },
      tx,
    );
    return product;
  });
}

export async function updateProduct(id: number, input: ProductFields, principal: Principal) {
  const before = await db().product.findUnique({ where: { id } });
  if (!before) throw new AppError("not_found", "El producto no existe.");
  await assertSkuFree(input.sku, id);
  return db().$transaction(async (tx) => {
    const after = await tx.product.update({ where: { id }, data: toColumns(input) });
    await recordAudit(principal, { action: "product.update", entityType: "product", entityId: id, before, after }, tx);
    return after;
  });
}

export async function setProductActive(id: number, active: boolean, principal: Principal) {
  const before = await db().product.findUnique({ where: { id } });
  if (!before) throw new AppError("not_found", "El producto no existe.");
  if (before.active === active) return before;
  return db().$transaction(async (tx) => {
    const after = await tx.product.update({ where: { id }, data: { active } });
    await recordAudit(
      principal,
      {
        action: active ? "product.activate" : "product.deactivate",
        entityType: "product",
        entityId: id,
        before: { active: before.active },
        after: { active },
      },
      tx,
    );
    return after;
  });
}
