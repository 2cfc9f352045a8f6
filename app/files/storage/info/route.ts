import { storedExportBytes } from "@/lib/db/exports";
import { env } from "@/lib/env";
import { guardedRoute, json } from "@/lib/http/route";
import { storage } from "@/lib/storage";

// Legacy API: GET /files/storage/info — backend and space used.
export const GET = guardedRoute("exports:read", async () => {
  const [usage, exportsReady] = await Promise.all([storage().usage(), storedExportBytes()]);
  return json({
    backend: storage().backend,
    archivos: usage.objects,
    bytes_usados: usage.bytes,
    exportaciones_disponibles: exportsReady.files,
    bytes_exportaciones: exportsReady.bytes,
    vigencia_horas: env().EXPORT_TTL_HOURS,
  });
});
