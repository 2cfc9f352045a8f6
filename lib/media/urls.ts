// Public URLs of product photos. Keys are random per upload, so a URL never changes content and can be
// cached for good; replacing a photo gives the product a new key.
export type ProductImageSize = "thumb" | "card";

export const PRODUCT_IMAGE_PREFIX = "products/";
export const PRODUCT_IMAGE_FILE = /^([a-f0-9]{32})-(thumb|card)\.webp$/;

export function productImageObjectKey(imageKey: string, size: ProductImageSize): string {
  return `${imageKey}-${size}.webp`;
}

export function productImageUrl(imageKey: string | null | undefined, size: ProductImageSize): string | null {
  if (!imageKey?.startsWith(PRODUCT_IMAGE_PREFIX)) return null;
  return `/media/products/${imageKey.slice(PRODUCT_IMAGE_PREFIX.length)}-${size}.webp`;
}
