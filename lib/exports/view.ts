import type { ExportFileRow } from "@/lib/db/exports";
import { AppError } from "@/lib/errors";
import { parseId } from "@/lib/http/ids";

// What the console and API show of an export (never the storage key).
export const DATASET_LABELS: Record<string, string> = {
  inventario: "Inventario",
  clientes: "Clientes",
  ventas: "Ventas",
  conversaciones: "Conversaciones",
  reporte: "Reporte completo",
};

export const STATUS_LABELS: Record<string, string> = {
  pending: "En cola",
  running: "Generando",
  ready: "Listo",
  failed: "Falló",
  expired: "Vencido",
};

export type ExportView = {
  id: number;
  dataset: string;
  datasetLabel: string;
  format: string;
  status: string;
  statusLabel: string;
  progress: number;
  rowCount: number;
  size: number;
  fileName: string;
  /** The name under /files/exports/ (legacy API). */
  storedName: string;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string;
  createdBy: string | null;
  error: string | null;
  downloadPath: string | null;
};

export function exportView(row: ExportFileRow): ExportView {
  const ready = row.status === "ready" && row.expiresAt.getTime() > Date.now();
  return {
    id: row.id,
    dataset: row.dataset,
    datasetLabel: DATASET_LABELS[row.dataset] ?? row.dataset,
    format: row.format,
    status: ready || row.status !== "ready" ? row.status : "expired",
    statusLabel: STATUS_LABELS[ready || row.status !== "ready" ? row.status : "expired"] ?? row.status,
    progress: row.progress,
    rowCount: row.rowCount,
    size: row.size,
    fileName: row.fileName,
    storedName: row.key.split("/").at(-1) ?? "",
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    error: row.error,
    downloadPath: ready ? `/api/exports/${row.id}/download` : null,
  };
}

export function parseExportId(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw new AppError("not_found", "La exportación no existe.");
  return id;
}
