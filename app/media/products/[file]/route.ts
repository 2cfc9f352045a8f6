import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";
import { PRODUCT_IMAGE_FILE, PRODUCT_IMAGE_PREFIX } from "@/lib/media/urls";
import { storage } from "@/lib/storage";

// Product photos for the shop and the console, whatever the storage backend. Public like the catalogue;
// names are random per upload, so a response never changes and browsers may keep it for a year.
export const GET = publicRoute<{ file: string }>(async ({ params }) => {
  if (!PRODUCT_IMAGE_FILE.test(params.file ?? "")) throw new AppError("not_found", "La foto no existe.");
  const object = await storage().get(`${PRODUCT_IMAGE_PREFIX}${params.file}`);
  if (!object) throw new AppError("not_found", "La foto no existe.");
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "image/webp",
      "content-length": String(object.meta.size),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
});
