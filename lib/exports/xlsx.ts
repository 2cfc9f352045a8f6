import { type ExportFilters, exportSummary } from "@/lib/db/export-datasets";
import { ORDER_STATE_LABELS } from "@/lib/domain/order-words";
import { type CellValue, type ColumnKind, type ExportStyle, excelSerial, wordFor } from "@/lib/exports/cells";
import { formatLocalDateTime, type ProgressFn } from "@/lib/exports/csv";
import {
  type Column,
  DATASETS,
  type DatasetDef,
  datasetBatches,
  type ExportRow,
  headerOf,
  yieldToEventLoop,
} from "@/lib/exports/datasets";
import {
  columnLetter,
  contentTypes,
  coreProps,
  headerRow,
  inlineString,
  MAX_SHEET_ROWS,
  ROOT_RELS,
  SHEET_END,
  STYLE,
  STYLES,
  sheetStart,
  workbook,
  workbookRels,
} from "@/lib/exports/xlsx-parts";
import { type ZipEntry, zipStream } from "@/lib/exports/zip";

// XLSX written by hand: each keyset batch becomes the XML of its rows (inline strings, typed numbers, dates as
// serial days with a date format), deflated into the zip as it is produced and pulled by the reader (storage
// upload or HTTP response), so memory stays flat. exceljs' WorkbookWriter took ~95 µs per row (styles looked up
// per cell, an XML builder per element); this writes a row in a few µs. Cells hold values, never formulas, so a
// text beginning with "=" shows literally. Past Excel's 1 048 576 rows a dataset continues on "<title> (2)".
export type XlsxOptions = { maxSheetRows?: number };
const ROWS_PER_CHUNK = 150;
type Sheet = { title: string; body: AsyncIterable<string> };
/** The XML of one cell after `<c` (attributes, value, `</c>`), or null for an empty cell. */
type XlsxFormat = (value: CellValue | bigint | undefined) => string | null;

const text = (s: string) => ` t="inlineStr">${inlineString(s)}</c>`;

function number(n: number, style: number): string | null {
  if (!Number.isFinite(n)) return null;
  return style === 0 ? `><v>${n}</v></c>` : ` s="${style}"><v>${n}</v></c>`;
}

function xlsxFormatter(kind: ColumnKind, style: ExportStyle): XlsxFormat {
  const numberStyle = kind === "money" ? STYLE.money : kind === "datetime" ? STYLE.date : 0;
  const coded = new Map<string, string>();
  return (value) => {
    if (value === null || value === undefined)
      return kind === "intent" ? text(wordFor(kind, "sin_clasificar", style)) : null;
    if (kind === "datetime" && (typeof value === "number" || value instanceof Date)) {
      return number(excelSerial(value), STYLE.date);
    }
    if (typeof value === "boolean") return text(value ? "Sí" : "No");
    if (typeof value === "bigint") return kind === "text" ? text(String(value)) : number(Number(value), numberStyle);
    if (kind === "text") return text(String(value));
    if (typeof value === "string") {
      let cell = coded.get(value);
      if (cell === undefined) {
        cell = text(wordFor(kind, value, style));
        if (coded.size < 256) coded.set(value, cell);
      }
      return cell;
    }
    if (typeof value === "number") return number(value, numberStyle);
    return number(excelSerial(value), STYLE.date);
  };
}

/**
 * The XML of `rows[from, to)`, row `from` numbered `first`. A cell names its address only after an empty one.
 * Kept to ~100 KB a call: a larger string is allocated outside V8's young generation and is only freed by full
 * collections, which were 40 % of an export's time when each batch of 5 000 rows was one string.
 */
function rowsXml(rows: ExportRow[], from: number, to: number, first: number, f: XlsxFormat[], letters: string[]) {
  let out = "";
  const n = f.length;
  for (let r = from; r < to; r++) {
    const row = rows[r] as ExportRow;
    const number = first + r - from;
    let xml = `<row r="${number}">`;
    let addressed = false;
    for (let i = 0; i < n; i++) {
      const cell = (f[i] as XlsxFormat)(row[i]);
      if (cell === null) {
        addressed = false;
        continue;
      }
      xml += addressed ? `<c${cell}` : `<c r="${letters[i]}${number}"${cell}`;
      addressed = true;
    }
    out += `${xml}</row>`;
  }
  return out;
}

/** A dataset's sheets: one, or more when it has more rows than a sheet holds. */
async function* datasetSheets(
  def: DatasetDef,
  filters: ExportFilters,
  style: ExportStyle,
  onRows: (n: number) => Promise<void>,
  maxRows: number,
): AsyncGenerator<Sheet> {
  const formatters = def.columns.map((c) => xlsxFormatter(c.kind, style));
  const letters = def.columns.map((_, i) => columnLetter(i));
  const widths = def.columns.map((c: Column) => (c.kind === "text" ? 24 : 16));
  const start = sheetStart(widths, true) + headerRow(def.columns.map((c) => headerOf(c, style)));
  const batches = datasetBatches(def, filters)[Symbol.asyncIterator]();
  let carry: ExportRow[] = [];
  let exhausted = false;
  async function* body(): AsyncGenerator<string> {
    yield start;
    let written = 1;
    while (written < maxRows) {
      if (carry.length === 0) {
        const next = await batches.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        carry = next.value;
      }
      const room = maxRows - written;
      const rows = carry.length <= room ? carry : carry.slice(0, room);
      carry = rows === carry ? [] : carry.slice(room);
      for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
        const to = Math.min(rows.length, i + ROWS_PER_CHUNK);
        yield rowsXml(rows, i, to, written + 1 + i, formatters, letters);
        await yieldToEventLoop();
      }
      written += rows.length;
      await onRows(rows.length);
    }
    yield SHEET_END;
  }
  try {
    for (let part = 1; ; part++) {
      yield { title: part === 1 ? def.title : `${def.title} (${part})`, body: body() };
      if (exhausted) return;
      if (carry.length === 0) {
        // the sheet filled up exactly at a batch's end: another sheet only if rows remain
        const next = await batches.next();
        if (next.done) return;
        carry = next.value;
      }
    }
  } finally {
    await batches.return?.();
  }
}

function describeFilters(filters: ExportFilters): string {
  const parts = [
    filters.from ? `desde ${formatLocalDateTime(filters.from).slice(0, 10)}` : "",
    filters.to ? `hasta ${formatLocalDateTime(new Date(filters.to.getTime() - 1)).slice(0, 10)}` : "",
    filters.state ? `estado ${ORDER_STATE_LABELS[filters.state] ?? filters.state}` : "",
    filters.includeOpen ? "con carritos abiertos" : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "sin filtros";
}

async function* summaryBody(filters: ExportFilters): AsyncGenerator<string> {
  const s = await exportSummary(filters);
  const rows: [string, string | number, number?][] = [
    ["Generado", `${formatLocalDateTime(new Date())} (hora de Colombia)`],
    ["Filtros", describeFilters(filters)],
    ["Ventas cerradas", s.closedOrders],
    ["Ingresos (COP)", s.revenue, STYLE.money],
    ["Pedidos abiertos", s.openOrders],
    ["Pedidos cancelados", s.cancelledOrders],
    ["Conversaciones", s.conversations],
    ["Mensajes", s.messages],
    ["Clientes registrados", s.clients],
    ["Productos activos", s.activeProducts],
    ["Productos con 5 unidades o menos", s.lowStockProducts],
  ];
  let xml = sheetStart([36, 24], false) + headerRow(["Indicador", "Valor"]);
  for (const [i, [k, v, numberStyle]] of rows.entries()) {
    const value = typeof v === "number" ? number(v, numberStyle ?? 0) : text(v);
    xml += `<row r="${i + 2}"><c r="A${i + 2}"${text(k)}${value ? `<c r="B${i + 2}"${value}` : ""}</row>`;
  }
  yield xml + SHEET_END;
}

async function* entries(sheets: AsyncIterable<Sheet>): AsyncGenerator<ZipEntry> {
  const titles: string[] = [];
  for await (const sheet of sheets) {
    titles.push(sheet.title);
    yield { name: `xl/worksheets/sheet${titles.length}.xml`, body: sheet.body };
  }
  const part = (name: string, xml: string): ZipEntry => ({ name, body: [xml] });
  yield part("xl/styles.xml", STYLES);
  yield part("xl/workbook.xml", workbook(titles));
  yield part("xl/_rels/workbook.xml.rels", workbookRels(titles.length));
  yield part("docProps/core.xml", coreProps("Sextinvalle", new Date()));
  yield part("_rels/.rels", ROOT_RELS);
  yield part("[Content_Types].xml", contentTypes(titles.length));
}

/** One dataset, or the complete report (summary + every dataset), as .xlsx bytes, produced as they are read. */
export async function* xlsxChunks(
  what: DatasetDef | "reporte",
  filters: ExportFilters,
  onProgress?: ProgressFn,
  style: ExportStyle = "human",
  options: XlsxOptions = {},
): AsyncGenerator<Uint8Array> {
  const maxRows = options.maxSheetRows ?? MAX_SHEET_ROWS;
  let done = 0;
  const onRows = async (n: number) => {
    done += n;
    await onProgress?.(done);
  };
  async function* sheets(): AsyncGenerator<Sheet> {
    if (what === "reporte") {
      yield { title: "Resumen", body: summaryBody(filters) };
      for (const def of Object.values(DATASETS)) yield* datasetSheets(def, filters, style, onRows, maxRows);
    } else {
      yield* datasetSheets(what, filters, style, onRows, maxRows);
    }
  }
  yield* zipStream(entries(sheets()));
}
