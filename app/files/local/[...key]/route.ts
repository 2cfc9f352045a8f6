import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";
import { storage } from "@/lib/storage";
import { contentDisposition, verifyLocalUrl } from "@/lib/storage/signing";

// Downloads of locally stored files through signed, expiring URLs (the local twin of S3 presigned URLs).
// Public because the HMAC signature is the credential; the key is random and validated.
export const GET = publicRoute<{ key: string[] }>(async ({ req, params }) => {
  const key = (params.key ?? []).join("/");
  const check = verifyLocalUrl(key, req.nextUrl.searchParams);
  if (!check.ok) {
    throw new AppError(
      "forbidden",
      check.reason === "expired"
        ? "El enlace de descarga venció. Genera uno nuevo."
        : "El enlace de descarga no es válido.",
    );
  }
  const object = await storage().get(key);
  if (!object) throw new AppError("not_found", "El archivo ya no existe.");
  const headers = new Headers({
    "content-type": object.meta.contentType,
    "content-length": String(object.meta.size),
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-disposition": contentDisposition(check.downloadName || key.split("/").at(-1) || "archivo"),
  });
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { headers });
});
