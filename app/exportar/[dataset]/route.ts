import { recordAudit } from "@/lib/db/audit";
import { AppError } from "@/lib/errors";
import { toWebStream } from "@/lib/exports/csv";
import { type ExportTarget, enforceExportLimit, exportChunks, exportFileName } from "@/lib/exports/jobs";
import { legacyExportQuerySchema, legacyToExportRequest } from "@/lib/exports/request";
import { readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { legacyConversationsResponse, legacyFileResponse } from "@/lib/legacy-api/exports";
import { CONTENT_TYPE_BY_FORMAT } from "@/lib/storage";
import { contentDisposition } from "@/lib/storage/signing";

// Legacy API: GET /exportar/{inventario,clientes,ventas,conversaciones-rag,reporte-completo} — by default the
// previous system's JSON (a FileResponse with download_url and expires_at; conversaciones-rag as rows); with
// `?descargar=true` the file itself, streamed batch by batch (CSV and XLSX). Files keep the legacy columns.
const TARGETS: Record<string, ExportTarget> = {
  inventario: "inventario",
  clientes: "clientes",
  ventas: "ventas",
  conversaciones: "conversaciones",
  "conversaciones-rag": "conversaciones",
  "reporte-completo": "reporte",
  reporte: "reporte",
};

export const GET = guardedRoute<{ dataset: string }>(
  "exports:create",
  async ({ req, params, principal, requestId }) => {
    const target = TARGETS[params.dataset ?? ""];
    if (!target) throw new AppError("not_found", "Ese tipo de exportación no existe.");
    const query = readQuery(req.nextUrl, legacyExportQuerySchema);
    const request = legacyToExportRequest(target, query);
    // the previous system answered JSON pointing at the stored file; `?descargar=true` (or asking for the file's
    // type in Accept) streams the file itself
    const accept = req.headers.get("accept") ?? "";
    const wantsFile = query.descargar === "true" || query.descargar === "1" || /text\/csv|spreadsheetml/.test(accept);
    if (!wantsFile) {
      if (params.dataset === "conversaciones-rag") {
        await enforceExportLimit(principal);
        return json(await legacyConversationsResponse());
      }
      return json(await legacyFileResponse(principal, request, requestId));
    }
    await enforceExportLimit(principal);
    await recordAudit(principal, {
      action: "export.download",
      entityType: "export",
      entityId: target,
      after: { format: request.format, filters: request.filters },
      requestId,
    });
    const headers = new Headers({
      "content-type": CONTENT_TYPE_BY_FORMAT[request.format],
      "content-disposition": contentDisposition(exportFileName(target, request.format)),
      "cache-control": "no-store",
    });
    return new Response(toWebStream(exportChunks(request)), { headers });
  },
);
