import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import {
  createExportFile,
  type ExportFileRow,
  markExportFailed,
  markExportReady,
  markExportRunning,
  updateExportProgress,
} from "@/lib/db/exports";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import {
  type ExportFormat,
  type ExportRequest,
  type ExportTarget,
  exportChunks,
  normaliseRequest,
} from "@/lib/exports/chunks";
import { formatLocalDateTime, type ProgressFn } from "@/lib/exports/csv";
import { DATASETS } from "@/lib/exports/datasets";
import { exportChunksInWorker } from "@/lib/exports/export-thread";
import { log } from "@/lib/log";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";
import { CONTENT_TYPE_BY_FORMAT, storage } from "@/lib/storage";
import { randomKey } from "@/lib/storage/keys";

// Export jobs: the request creates an ExportFile row and returns at once; in the background the rows are
// read batch by batch straight into the CSV/XLSX bytes and those into storage (a multipart upload on S3), each
// step pulling from the previous one, so memory stays flat whatever the size; the row tracks progress and
// becomes `ready` only once storage holds the whole file.
export const XLSX_TYPE = CONTENT_TYPE_BY_FORMAT.xlsx;

export type { ExportFormat, ExportRequest, ExportTarget } from "@/lib/exports/chunks";
export { exportChunks, normaliseRequest };

const running = new Map<number, Promise<void>>();

export function exportFileName(target: ExportTarget, format: ExportFormat, now = new Date()): string {
  const base = target === "reporte" ? "reporte-completo" : target;
  return `${base}_${formatLocalDateTime(now).slice(0, 10)}.${format}`;
}

/** Writes the export to `filePath`; returns the number of data rows. */
export async function writeExport(request: ExportRequest, filePath: string, onProgress?: ProgressFn): Promise<number> {
  let rows = 0;
  const counted = exportChunks(request, async (n) => {
    rows = n;
    await onProgress?.(n);
  });
  await pipeline(Readable.from(counted), createWriteStream(filePath));
  return rows;
}

export async function countExportRows(request: ExportRequest): Promise<number> {
  if (request.dataset !== "reporte") return DATASETS[request.dataset].count(request.filters);
  const counts = await Promise.all(Object.values(DATASETS).map((d) => d.count(request.filters)));
  return counts.reduce((a, b) => a + b, 0);
}

export function rateLimitSubject(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}

export async function enforceExportLimit(principal: Principal): Promise<void> {
  await enforceRateLimit(
    LIMITS.exports,
    rateLimitSubject(principal),
    "Hiciste muchas exportaciones seguidas (máximo 5 cada 5 minutos). Espera un momento.",
  );
}

export async function startExport(
  principal: Principal,
  input: ExportRequest,
  meta: { requestId?: string } = {},
): Promise<ExportFileRow> {
  await enforceExportLimit(principal);
  const request = normaliseRequest(input);
  const now = new Date();
  const row = await createExportFile({
    key: randomKey("exports", request.format),
    dataset: request.dataset,
    format: request.format,
    contentType: CONTENT_TYPE_BY_FORMAT[request.format],
    fileName: exportFileName(request.dataset, request.format, now),
    backend: storage().backend,
    filters: {
      ...request.filters,
      ...(request.csv ? { csv: request.csv } : {}),
      ...(request.style ? { style: request.style } : {}),
    },
    createdById: principal.kind === "user" ? principal.id : null,
    expiresAt: new Date(now.getTime() + env().EXPORT_TTL_HOURS * 3_600_000),
  });
  await recordAudit(principal, {
    action: "export.create",
    entityType: "ExportFile",
    entityId: row.id,
    after: { dataset: row.dataset, format: row.format, filters: request.filters },
    requestId: meta.requestId,
  });
  const job = runExport(row.id, row.key, request).finally(() => running.delete(row.id));
  running.set(row.id, job);
  return { ...row, createdBy: null };
}

async function runExport(id: number, key: string, request: ExportRequest): Promise<void> {
  try {
    await markExportRunning(id);
    const total = Math.max(1, await countExportRows(request));
    let lastWrite = 0;
    let rowCount = 0;
    const produce = env().EXPORT_THREAD === "worker" ? exportChunksInWorker : exportChunks;
    const chunks = produce(request, async (done) => {
      rowCount = done;
      if (Date.now() - lastWrite < 250) return;
      lastWrite = Date.now();
      await updateExportProgress(id, (done / total) * 100, done);
    });
    const expiresAt = new Date(Date.now() + env().EXPORT_TTL_HOURS * 3_600_000);
    const contentType = CONTENT_TYPE_BY_FORMAT[request.format];
    // storage publishes the object only once every byte arrived (multipart complete / rename of the part file)
    const { size } = await storage().putStream(key, chunks, { contentType, expiresAt });
    await markExportReady(id, { rowCount, size });
    log.info("export ready", { exportId: id, rows: rowCount });
  } catch (error) {
    log.error("export failed", { exportId: id, err: error });
    const message = isAppError(error) ? error.message : "No se pudo generar el archivo. Intenta de nuevo.";
    await markExportFailed(id, message).catch(() => undefined);
  }
}

/** Resolves when the background job of `id` (if any in this process) has finished. */
export async function waitForExport(id: number): Promise<void> {
  await running.get(id);
}

export async function downloadUrlFor(row: { key: string; fileName: string; expiresAt: Date }): Promise<string> {
  const secondsLeft = Math.floor((row.expiresAt.getTime() - Date.now()) / 1000);
  return storage().presign(row.key, { expiresInSeconds: Math.min(15 * 60, secondsLeft), downloadName: row.fileName });
}
