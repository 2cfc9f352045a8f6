import type { ExportFilters } from "@/lib/db/export-datasets";
import { AppError } from "@/lib/errors";
import type { ExportStyle } from "@/lib/exports/cells";
import { CSV_DEFAULTS, type CsvOptions, csvChunks, type ProgressFn } from "@/lib/exports/csv";
import { DATASETS, type DatasetName } from "@/lib/exports/datasets";
import { xlsxChunks } from "@/lib/exports/xlsx";

// What an export is and how its bytes are produced, apart from the jobs around it (audit, rate limits, storage):
// the export worker thread (export-worker.ts) loads only this much.
export type ExportTarget = DatasetName | "reporte";
export type ExportFormat = "csv" | "xlsx";
export type ExportRequest = {
  dataset: ExportTarget;
  format: ExportFormat;
  filters: ExportFilters;
  csv?: CsvOptions;
  /** `human` (console, default) or `legacy` (the legacy `/exportar` routes' columns and values). */
  style?: ExportStyle;
};

export function normaliseRequest(request: ExportRequest): ExportRequest {
  // the complete report is one workbook (one sheet per dataset): always XLSX
  return request.dataset === "reporte" ? { ...request, format: "xlsx" } : request;
}

/** The export's bytes, produced as the reader asks for them, on the calling thread. */
export function exportChunks(request: ExportRequest, onProgress?: ProgressFn): AsyncIterable<string | Uint8Array> {
  const { dataset, format, filters, style = "human" } = normaliseRequest(request);
  if (format === "xlsx") {
    return xlsxChunks(dataset === "reporte" ? "reporte" : DATASETS[dataset], filters, onProgress, style);
  }
  if (dataset === "reporte") throw new AppError("invalid_input", "El reporte completo solo existe en XLSX.");
  return csvChunks(DATASETS[dataset], filters, request.csv ?? CSV_DEFAULTS, onProgress, undefined, style);
}
