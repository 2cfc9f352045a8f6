import { getExportFile } from "@/lib/db/exports";
import { AppError } from "@/lib/errors";
import { downloadUrlFor } from "@/lib/exports/jobs";
import { parseExportId } from "@/lib/exports/view";
import { guardedRoute } from "@/lib/http/route";

// Sends the caller to a short-lived signed URL (S3/MinIO presigned, or the app's HMAC-signed local URL).
export const GET = guardedRoute<{ id: string }>("exports:read", async ({ req, params }) => {
  const row = await getExportFile(parseExportId(params.id));
  if (!row) throw new AppError("not_found", "La exportación no existe.");
  if (row.status !== "ready") throw new AppError("conflict", "El archivo todavía no está listo.");
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError("not_found", "El archivo ya venció.");
  const url = new URL(await downloadUrlFor(row), req.nextUrl.origin);
  return new Response(null, { status: 302, headers: { location: url.toString(), "cache-control": "no-store" } });
});
