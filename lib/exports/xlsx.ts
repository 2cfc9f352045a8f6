import { once } from "node:events";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { type ExportFilters, exportSummary } from "@/lib/db/export-datasets";
import { ORDER_STATE_LABELS } from "@/lib/domain/order-words";
import { type CellValue, type ColumnKind, type ExportStyle, excelSerial, wordFor } from "@/lib/exports/cells";
import { formatLocalDateTime, type ProgressFn } from "@/lib/exports/csv";
import { type Column, DATASETS, type DatasetDef, datasetBatches, headerOf } from "@/lib/exports/datasets";

// XLSX through exceljs' streaming WorkbookWriter into a PassThrough that the caller reads (storage upload or
// HTTP response): each row is committed as it is written and the writer waits whenever the reader is behind,
// so memory stays flat. Cells hold typed values (numbers, dates as serial days with a date format, text),
// never formulas, so a text cell beginning with "=" is shown literally instead of being evaluated.
const MONEY_FORMAT = '"$" #,##0';
const DATE_FORMAT = "dd/mm/yyyy hh:mm";
const OUT_HIGH_WATER = 1 << 20;

function xlsxCell(value: CellValue | bigint | undefined, kind: ColumnKind, style: ExportStyle): ExcelJS.CellValue {
  if (value === null || value === undefined) return kind === "intent" ? wordFor(kind, "sin_clasificar", style) : null;
  if (kind === "datetime" && (typeof value === "number" || value instanceof Date)) return excelSerial(value);
  if (typeof value === "boolean") return value ? "Sí" : "No";
  if (typeof value === "bigint") return kind === "text" ? String(value) : Number(value);
  if (kind === "text") return String(value);
  if (typeof value === "string") return wordFor(kind, value, style);
  return value as number;
}

function styleFor(column: Column): Partial<ExcelJS.Style> | undefined {
  if (column.kind === "money") return { numFmt: MONEY_FORMAT };
  if (column.kind === "datetime") return { numFmt: DATE_FORMAT };
  return undefined;
}

type Sink = { out: PassThrough; stopped: () => boolean };

async function writeDatasetSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  def: DatasetDef,
  filters: ExportFilters,
  style: ExportStyle,
  sink: Sink,
  onRows: (n: number) => Promise<void>,
) {
  const sheet = workbook.addWorksheet(def.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = def.columns.map((c) => ({
    header: headerOf(c, style),
    key: c.key,
    width: c.kind === "text" ? 24 : 16,
    style: styleFor(c),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const rows of datasetBatches(def, filters)) {
    if (sink.stopped()) return;
    for (const row of rows) sheet.addRow(def.columns.map((c) => xlsxCell(row[c.key], c.kind, style))).commit();
    await onRows(rows.length);
    // back-pressure: the reader (upload, response) has not taken the bytes written so far
    if (sink.out.writableNeedDrain) await Promise.race([once(sink.out, "drain"), once(sink.out, "close")]);
  }
  sheet.commit();
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

async function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, filters: ExportFilters) {
  const s = await exportSummary(filters);
  const sheet = workbook.addWorksheet("Resumen");
  sheet.columns = [
    { header: "Indicador", key: "k", width: 36 },
    { header: "Valor", key: "v", width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const rows: [string, ExcelJS.CellValue, string?][] = [
    ["Generado", `${formatLocalDateTime(new Date())} (hora de Colombia)`],
    ["Filtros", describeFilters(filters)],
    ["Ventas cerradas", s.closedOrders],
    ["Ingresos (COP)", s.revenue, MONEY_FORMAT],
    ["Pedidos abiertos", s.openOrders],
    ["Pedidos cancelados", s.cancelledOrders],
    ["Conversaciones", s.conversations],
    ["Mensajes", s.messages],
    ["Clientes registrados", s.clients],
    ["Productos activos", s.activeProducts],
    ["Productos con 5 unidades o menos", s.lowStockProducts],
  ];
  for (const [k, v, numFmt] of rows) {
    const row = sheet.addRow({ k, v });
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.commit();
  }
  sheet.commit();
}

/** One dataset, or the complete report (summary + every dataset), as .xlsx bytes, produced as they are read. */
export async function* xlsxChunks(
  what: DatasetDef | "reporte",
  filters: ExportFilters,
  onProgress?: ProgressFn,
  style: ExportStyle = "human",
): AsyncGenerator<Uint8Array> {
  const out = new PassThrough({ highWaterMark: OUT_HIGH_WATER });
  let stopped = false;
  const sink: Sink = { out, stopped: () => stopped };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Sextinvalle";
  let done = 0;
  const onRows = async (n: number) => {
    done += n;
    await onProgress?.(done);
  };
  const writing = (async () => {
    if (what === "reporte") {
      await writeSummarySheet(workbook, filters);
      for (const def of Object.values(DATASETS)) await writeDatasetSheet(workbook, def, filters, style, sink, onRows);
    } else {
      await writeDatasetSheet(workbook, what, filters, style, sink, onRows);
    }
    await workbook.commit();
  })().catch((error: unknown) => {
    out.destroy(error as Error);
  });
  try {
    for await (const chunk of out) yield chunk as Uint8Array;
    await writing;
  } finally {
    // the reader stopped early (failed upload, closed response): stop reading batches
    stopped = true;
    if (!out.destroyed) out.destroy();
  }
}
