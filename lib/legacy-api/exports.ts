import type { Principal } from "@/lib/auth/principal";
import { legacyHistoryEntry } from "@/lib/chat/legacy";
import { getExportFile } from "@/lib/db/exports";
import { latestMessagesForLegacy } from "@/lib/db/legacy-api";
import { AppError } from "@/lib/errors";
import { downloadUrlFor, type ExportRequest, startExport, waitForExport } from "@/lib/exports/jobs";

// The previous system's export answers: a JSON `FileResponse` pointing at the stored file (download_url,
// expires_at), and `conversaciones-rag` as JSON rows. The file is generated before answering, as it was there.
export async function legacyFileResponse(principal: Principal, request: ExportRequest, requestId: string) {
  const started = await startExport(principal, request, { requestId });
  await waitForExport(started.id);
  const row = await getExportFile(started.id);
  if (row?.status !== "ready") {
    throw new AppError("unavailable", row?.error ?? "No se pudo generar el archivo. Intenta de nuevo.");
  }
  const downloadUrl = await downloadUrlFor(row);
  return {
    status: "success",
    message: `Archivo ${row.fileName} generado correctamente`,
    timestamp: new Date().toISOString(),
    request_id: requestId,
    file_path: row.key,
    file_name: row.fileName,
    file_size: row.size,
    download_url: downloadUrl,
    expires_at: row.expiresAt.toISOString(),
    // ours: the link itself is short-lived; GET /api/exports/{id} signs a fresh one until expires_at
    export_id: row.id,
    filas: row.rowCount,
    formato: row.format,
  };
}

export async function legacyConversationsResponse() {
  const rows = await latestMessagesForLegacy(100);
  return {
    success: true,
    total_conversaciones: rows.length,
    conversaciones: rows.map((m) => {
      const entry = legacyHistoryEntry({ ...m, metadata: parseObject(m.metadata) });
      return {
        id: entry.id,
        chat_id: m.conversation.chatId,
        timestamp: entry.timestamp,
        remitente: entry.remitente,
        mensaje: entry.mensaje,
        tipo_mensaje: entry.tipo_mensaje,
        estado_venta: entry.estado_venta,
      };
    }),
    timestamp: new Date().toISOString(),
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
