import type { ExportFilters } from "@/lib/db/export-datasets";
import { type CellValue, csvCell, type ExportStyle, formatTimestamp, neutraliseFormula } from "@/lib/exports/cells";
import {
  type Column,
  type DatasetDef,
  datasetBatches,
  type ExportRow,
  headerOf,
  yieldToEventLoop,
} from "@/lib/exports/datasets";

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
const ROWS_PER_CHUNK = 500;
const NEEDS_QUOTES = { ",": /[",\r\n]|^\s|\s$/, ";": /[";\r\n]|^\s|\s$/ } as const;

/** `2026-11-25 14:05:09`, Colombian local time (sortable; file names and the legacy files). */
export function formatLocalDateTime(date: Date): string {
  return formatTimestamp(date, "legacy");
}

function quoteCell(text: string, delimiter: "," | ";"): string {
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const SPECIAL = { ",": /[",\r\n]/, ";": /[";\r\n]/ } as const;
const isSpace = (c: number) =>
  c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 128 && /\s/.test(String.fromCharCode(c));

/** A text cell: formula-neutralised, quoted as `quoteCell` would (checked by char codes, not an anchored regex). */
function textCell(value: string, special: RegExp): string {
  const first = value.charCodeAt(0);
  // = + - @ tab CR at the start: `neutraliseFormula`
  const text =
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  const quote = special.test(text) || isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1));
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

type CsvFormat = (value: CellValue | bigint | undefined) => string;

/** The formatter of one column, chosen once per export instead of per cell; odd values take the general path. */
function csvFormatter(column: Column, style: ExportStyle, delimiter: "," | ";"): CsvFormat {
  const general: CsvFormat = (v) => {
    const cell = csvCell(v, column.kind, style);
    return typeof cell === "number" ? String(cell) : quoteCell(cell, delimiter);
  };
  const special = SPECIAL[delimiter];
  switch (column.kind) {
    case "int":
    case "money":
      return (v) => (typeof v === "number" && Number.isInteger(v) ? String(v) : general(v));
    case "datetime":
      // digits, `/`, `-`, `:` and one inner space: never quoted
      return (v) => (typeof v === "number" ? formatTimestamp(v, style) : general(v));
    case "text":
      return (v) => (typeof v === "string" ? textCell(v, special) : general(v));
    case "state":
    case "channel":
    case "intent":
    case "role": {
      // a handful of codes: each one's finished cell is kept
      const seen = new Map<string, string>();
      return (v) => {
        if (typeof v !== "string") return general(v);
        let cell = seen.get(v);
        if (cell === undefined) {
          cell = general(v);
          if (seen.size < 256) seen.set(v, cell);
        }
        return cell;
      };
    }
    default:
      return general;
  }
}

export function csvLines(
  columns: Column[],
  rows: ExportRow[],
  delimiter: "," | ";",
  withHeader: boolean,
  style: ExportStyle = "human",
  formatters: CsvFormat[] = columns.map((c) => csvFormatter(c, style, delimiter)),
): string {
  let out = "";
  if (withHeader)
    out += columns.map((c) => quoteCell(neutraliseFormula(headerOf(c, style)), delimiter)).join(delimiter) + NEWLINE;
  const n = formatters.length;
  const first = formatters[0] as CsvFormat;
  for (const row of rows) {
    let line = first(row[0]);
    for (let i = 1; i < n; i++) line += delimiter + (formatters[i] as CsvFormat)(row[i]);
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
  const formatters = def.columns.map((c) => csvFormatter(c, style, options.delimiter));
  if (options.bom) yield UTF8_BOM;
  for await (const rows of datasetBatches(def, filters, batchSize)) {
    // ~100 KB strings: larger ones leave V8's young generation and cost full collections (see xlsx.ts)
    for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
      const slice = i === 0 && rows.length <= ROWS_PER_CHUNK ? rows : rows.slice(i, i + ROWS_PER_CHUNK);
      yield csvLines(def.columns, slice, options.delimiter, header, style, formatters);
      header = false;
      await yieldToEventLoop();
    }
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
