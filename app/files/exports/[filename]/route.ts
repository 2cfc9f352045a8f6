import { Readable } from "node:stream";
import { findExportFileByKey } from "@/lib/db/exports";
import { AppError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { storage } from "@/lib/storage";
import { contentDisposition } from "@/lib/storage/signing";

// Legacy API: GET /files/exports/{filename} — a finished export by its stored name (as listed by the
// console API), for API keys and staff sessions with exports:read.
export const GET = guardedRoute<{ filename: string }>("exports:read", async ({ params }) => {
  const filename = params.filename ?? "";
  if (!/^[0-9a-f]{32}\.(csv|xlsx)$/.test(filename)) throw new AppError("not_found", "El archivo no existe.");
  const row = await findExportFileByKey(`exports/${filename}`);
  if (row?.status !== "ready" || row.expiresAt.getTime() <= Date.now()) {
    throw new AppError("not_found", "El archivo no existe o ya venció.");
  }
  const object = await storage().get(row.key);
  if (!object) throw new AppError("not_found", "El archivo ya no está en el almacenamiento.");
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": object.meta.contentType,
      "content-length": String(object.meta.size),
      "content-disposition": contentDisposition(row.fileName),
      "cache-control": "private, no-store",
    },
  });
});
