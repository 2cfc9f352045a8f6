import type { TurnPlan } from "@/lib/agent/planning/plan";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { findProductMedia, type ProductMedia } from "@/lib/db/product-media";
import { AppError } from "@/lib/errors";
import { productImageUrl } from "@/lib/media/urls";

// Shapes shared by every channel's response (`metadatos.productos`) and small helpers.
export type ProductMetadata = {
  sku: string;
  nombre: string;
  precio: number;
  stock: number;
  unidad: string;
  /** the card-size photo (`/media/products/…`), null without one */
  imagen?: string | null;
  /** the shop never chose this SKU (generated on import): show the name, not the code */
  sku_interno?: boolean;
};

/** The products the answer shows, best first, with price and stock as the database has them now. */
export function productsMetadata(plan: TurnPlan, catalog: CatalogIndex): ProductMetadata[] {
  const skus = plan.facts.products.map((p) => p.sku);
  return skus.flatMap((sku) => {
    const p = catalog.bySku(sku) ?? plan.facts.products.find((f) => f.sku === sku);
    return p ? [{ sku: p.sku, nombre: p.name, precio: p.price, stock: p.stock, unidad: p.unit }] : [];
  });
}

/** Adds each product's photo and internal-SKU flag (not part of the agent's in-memory catalogue). */
export async function withProductMedia(products: ProductMetadata[]): Promise<ProductMetadata[]> {
  const media = await findProductMedia(products.map((p) => p.sku));
  return products.map((p) => {
    const m = media.get(p.sku);
    return { ...p, imagen: productImageUrl(m?.imageKey, "card"), sku_interno: m?.skuInternal ?? false };
  });
}

/** The same, from the photos the catalogue index keeps in memory (kept current with it): no query per turn. */
export function withKnownMedia(products: ProductMetadata[], media: ReadonlyMap<string, ProductMedia>) {
  return products.map((p) => {
    const m = media.get(p.sku);
    return { ...p, imagen: productImageUrl(m?.imageKey, "card"), sku_interno: m?.skuInternal ?? false };
  });
}

export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("unavailable", message, { detailCode: "timeout_error" })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
