import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { recordAudit } from "@/lib/db/audit";
import { AppError } from "@/lib/errors";
import { csvChunks, toWebStream } from "@/lib/exports/csv";
import { DATASETS } from "@/lib/exports/datasets";
import { type ExportTarget, enforceExportLimit, exportFileName, writeExport } from "@/lib/exports/jobs";
import { legacyExportQuerySchema, legacyToExportRequest } from "@/lib/exports/request";
import { readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { legacyConversationsResponse, legacyFileResponse } from "@/lib/legacy-api/exports";
import { CONTENT_TYPE_BY_FORMAT } from "@/lib/storage";
import { contentDisposition } from "@/lib/storage/signing";

// Legacy API: GET /exportar/{inventario,clientes,ventas,conversaciones-rag,reporte-completo} — by default the
// previous system's JSON (a FileResponse with download_url and expires_at; conversaciones-rag as rows); with
// `?descargar=true` the file itself, streamed (CSV batch by batch; the XLSX report through a temporary file).
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
    if (request.format === "csv" && target !== "reporte") {
      return new Response(toWebStream(csvChunks(DATASETS[target], request.filters, request.csv)), { headers });
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), "sextinvalle-legacy-export-"));
    const file = path.join(dir, `export.${request.format}`);
    try {
      await writeExport(request, file);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const stream = createReadStream(file);
    stream.on("close", () => void rm(dir, { recursive: true, force: true }));
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
  },
);
