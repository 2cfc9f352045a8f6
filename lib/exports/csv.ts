import Papa from "papaparse";
import type { ExportFilters } from "@/lib/db/export-datasets";
import { type CellValue, type Column, type DatasetDef, datasetBatches, type ExportRow } from "@/lib/exports/datasets";

// Streamed CSV: papaparse has no streaming unparse, so each keyset batch is unparsed on its own and
// pushed downstream; only one batch is ever in memory.
export type CsvOptions = { delimiter: "," | ";"; bom: boolean };
export const CSV_DEFAULTS: CsvOptions = { delimiter: ",", bom: false };
/** Excel in Spanish locales expects `;` and needs the BOM to read UTF-8. */
export const CSV_EXCEL_ES: CsvOptions = { delimiter: ";", bom: true };

export const UTF8_BOM = "\uFEFF";
const NEWLINE = "\r\n";
const FORMULA_START = /^[=+\-@\t\r]/;
const COLOMBIA_OFFSET_MS = -5 * 3_600_000; // no daylight saving in Colombia

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** `2026-11-25 14:05:09`, Colombian local time (Excel reads it as a date). */
export function formatLocalDateTime(date: Date): string {
  return new Date(date.getTime() + COLOMBIA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function csvCell(value: CellValue, column: Column): string | number {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return formatLocalDateTime(value);
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (typeof value === "number") return column.kind === "text" ? neutraliseFormula(String(value)) : Math.round(value);
  return neutraliseFormula(value);
}

export function csvLines(columns: Column[], rows: ExportRow[], delimiter: string, withHeader: boolean): string {
  const data: (string | number)[][] = rows.map((row) => columns.map((c) => csvCell(row[c.key] ?? null, c)));
  if (withHeader) data.unshift(columns.map((c) => neutraliseFormula(c.header)));
  if (data.length === 0) return "";
  // arrays of arrays: papaparse quotes only cells holding the delimiter, quotes, newlines or edge spaces
  return Papa.unparse(data, { delimiter, newline: NEWLINE, quotes: false, escapeFormulae: false }) + NEWLINE;
}

export type ProgressFn = (rowsDone: number) => void | Promise<void>;

export async function* csvChunks(
  def: DatasetDef,
  filters: ExportFilters,
  options: CsvOptions = CSV_DEFAULTS,
  onProgress?: ProgressFn,
  batchSize = 2_000,
): AsyncGenerator<string> {
  let rowsDone = 0;
  let header = true;
  if (options.bom) yield UTF8_BOM;
  for await (const rows of datasetBatches(def, filters, batchSize)) {
    yield csvLines(def.columns, rows, options.delimiter, header);
    header = false;
    rowsDone += rows.length;
    await onProgress?.(rowsDone);
  }
  if (header) yield csvLines(def.columns, [], options.delimiter, true);
}

/** A web ReadableStream pulling from an async iterable (backpressure: the next batch is read on demand). */
export function toWebStream(iterable: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
