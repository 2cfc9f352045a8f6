import type { ExportFilters } from "@/lib/db/export-datasets";
import { csvCell, type ExportStyle, formatTimestamp, neutraliseFormula } from "@/lib/exports/cells";
import { type Column, type DatasetDef, datasetBatches, type ExportRow, headerOf } from "@/lib/exports/datasets";

export { neutraliseFormula };

// Streamed CSV: each keyset batch becomes one string pushed downstream; only one batch is ever in memory.
// The escaper is hand-rolled (papaparse's unparse was a third of the time of a large export): a cell is
// quoted only when it holds the delimiter, a quote, a line break or edge spaces, as papaparse did.
export type CsvOptions = { delimiter: "," | ";"; bom: boolean };
export const CSV_DEFAULTS: CsvOptions = { delimiter: ",", bom: false };
/** Excel in Spanish locales expects `;` and needs the BOM to read UTF-8. */
export const CSV_EXCEL_ES: CsvOptions = { delimiter: ";", bom: true };

export const UTF8_BOM = "\uFEFF";
const NEWLINE = "\r\n";
const NEEDS_QUOTES = { ",": /[",\r\n]|^\s|\s$/, ";": /[";\r\n]|^\s|\s$/ } as const;

/** `2026-11-25 14:05:09`, Colombian local time (sortable; file names and the legacy files). */
export function formatLocalDateTime(date: Date): string {
  return formatTimestamp(date, "legacy");
}

function quoteCell(text: string, delimiter: "," | ";"): string {
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLines(
  columns: Column[],
  rows: ExportRow[],
  delimiter: "," | ";",
  withHeader: boolean,
  style: ExportStyle = "human",
): string {
  let out = "";
  if (withHeader)
    out += columns.map((c) => quoteCell(neutraliseFormula(headerOf(c, style)), delimiter)).join(delimiter) + NEWLINE;
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i] as Column;
      const cell = csvCell(row[c.key], c.kind, style);
      if (i > 0) line += delimiter;
      line += typeof cell === "number" ? String(cell) : quoteCell(cell, delimiter);
    }
    out += line + NEWLINE;
  }
  return out;
}

export type ProgressFn = (rowsDone: number) => void | Promise<void>;

export async function* csvChunks(
  def: DatasetDef,
  filters: ExportFilters,
  options: CsvOptions = CSV_DEFAULTS,
  onProgress?: ProgressFn,
  batchSize?: number,
  style: ExportStyle = "human",
): AsyncGenerator<string> {
  let rowsDone = 0;
  let header = true;
  if (options.bom) yield UTF8_BOM;
  for await (const rows of datasetBatches(def, filters, batchSize)) {
    yield csvLines(def.columns, rows, options.delimiter, header, style);
    header = false;
    rowsDone += rows.length;
    await onProgress?.(rowsDone);
  }
  if (header) yield csvLines(def.columns, [], options.delimiter, true, style);
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
