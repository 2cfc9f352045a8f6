import { randomBytes } from "node:crypto";
import sharp from "sharp";
import type { Principal } from "@/lib/auth/principal";
import { setProductImageKey } from "@/lib/db/product-images";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";
import { PRODUCT_IMAGE_PREFIX, type ProductImageSize, productImageObjectKey } from "./urls";

// Product photos: whatever a phone or a supplier sends (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF), checked by its
// content, turned upright, resized on the server to a square thumbnail (inventory, cart) and a card size (chat),
// stored as WebP through lib/storage (local, S3 or MinIO).
export const MAX_PRODUCT_IMAGE_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);
const SIZES: Record<ProductImageSize, { width: number; height: number; fit: "cover" | "inside" }> = {
  thumb: { width: 160, height: 160, fit: "cover" },
  card: { width: 640, height: 640, fit: "inside" },
};

export async function resizeProductImage(input: Uint8Array): Promise<Record<ProductImageSize, Buffer>> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: 50_000_000 }).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !ACCEPTED.has(format)) {
    throw new AppError("unsupported_media_type", "La foto debe ser una imagen JPEG, PNG, WebP, GIF, AVIF o HEIC.", {
      detailCode: "imagen_no_valida",
    });
  }
  const out = {} as Record<ProductImageSize, Buffer>;
  for (const [size, box] of Object.entries(SIZES) as [ProductImageSize, (typeof SIZES)[ProductImageSize]][]) {
    out[size] = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: box.width, height: box.height, fit: box.fit, withoutEnlargement: box.fit === "inside" })
      .flatten({ background: "#ffffff" })
      .webp({ quality: 80 })
      .toBuffer();
  }
  return out;
}

async function deleteFiles(imageKey: string) {
  for (const size of Object.keys(SIZES) as ProductImageSize[]) {
    await storage()
      .delete(productImageObjectKey(imageKey, size))
      .catch((err: unknown) => log.warn("could not delete an old product photo", { imageKey, err }));
  }
}

/** Replaces a product's photo; the old files are deleted once the product points at the new ones. */
export async function saveProductImage(productId: number, input: Uint8Array, principal: Principal) {
  if (input.byteLength > MAX_PRODUCT_IMAGE_BYTES) {
    throw new AppError("payload_too_large", "La foto supera 10 MB.");
  }
  const files = await resizeProductImage(input);
  const imageKey = `${PRODUCT_IMAGE_PREFIX}${randomBytes(16).toString("hex")}`;
  for (const [size, data] of Object.entries(files) as [ProductImageSize, Buffer][]) {
    await storage().put(productImageObjectKey(imageKey, size), { data }, { contentType: "image/webp" });
  }
  try {
    const { previous } = await setProductImageKey(productId, imageKey, principal);
    if (previous) await deleteFiles(previous);
  } catch (error) {
    await deleteFiles(imageKey);
    throw error;
  }
  return { imageKey };
}

export async function removeProductImage(productId: number, principal: Principal) {
  const { previous } = await setProductImageKey(productId, null, principal);
  if (previous) await deleteFiles(previous);
}
