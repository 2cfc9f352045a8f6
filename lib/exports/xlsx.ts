import ExcelJS from "exceljs";
import { type ExportFilters, exportSummary } from "@/lib/db/export-datasets";
import { formatLocalDateTime, type ProgressFn } from "@/lib/exports/csv";
import { type CellValue, type Column, DATASETS, type DatasetDef, datasetBatches } from "@/lib/exports/datasets";

// XLSX through exceljs' streaming WorkbookWriter: each row is committed to the file as it is written,
// so memory stays flat. Cells hold typed values (numbers, dates, text), never formulas, so a text cell
// beginning with "=" is shown literally instead of being evaluated.
const COLOMBIA_OFFSET_MS = -5 * 3_600_000;
const MONEY_FORMAT = '"$" #,##0';
const DATE_FORMAT = "dd/mm/yyyy hh:mm";

function xlsxCell(value: CellValue, column: Column): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  // Excel dates carry no zone: write Colombian wall-clock time
  if (value instanceof Date) return new Date(value.getTime() + COLOMBIA_OFFSET_MS);
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (column.kind === "text") return String(value);
  return value;
}

function styleFor(column: Column): Partial<ExcelJS.Style> | undefined {
  if (column.kind === "money") return { numFmt: MONEY_FORMAT };
  if (column.kind === "datetime") return { numFmt: DATE_FORMAT };
  return undefined;
}

async function writeDatasetSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  def: DatasetDef,
  filters: ExportFilters,
  onRows: (n: number) => Promise<void>,
) {
  const sheet = workbook.addWorksheet(def.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = def.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.kind === "text" ? 24 : 16,
    style: styleFor(c),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const rows of datasetBatches(def, filters)) {
    for (const row of rows) {
      const values: Record<string, ExcelJS.CellValue> = {};
      for (const c of def.columns) values[c.key] = xlsxCell(row[c.key] ?? null, c);
      sheet.addRow(values).commit();
    }
    await onRows(rows.length);
  }
  sheet.commit();
}

function describeFilters(filters: ExportFilters): string {
  const parts = [
    filters.from ? `desde ${formatLocalDateTime(filters.from).slice(0, 10)}` : "",
    filters.to ? `hasta ${formatLocalDateTime(new Date(filters.to.getTime() - 1)).slice(0, 10)}` : "",
    filters.state ? `estado ${filters.state}` : "",
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

/** Writes one dataset, or the complete report (summary + every dataset), to an .xlsx file. */
export async function writeXlsxFile(
  filePath: string,
  what: DatasetDef | "reporte",
  filters: ExportFilters,
  onProgress?: ProgressFn,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Sextinvalle";
  let done = 0;
  const onRows = async (n: number) => {
    done += n;
    await onProgress?.(done);
  };
  if (what === "reporte") {
    await writeSummarySheet(workbook, filters);
    for (const def of Object.values(DATASETS)) await writeDatasetSheet(workbook, def, filters, onRows);
  } else {
    await writeDatasetSheet(workbook, what, filters, onRows);
  }
  await workbook.commit();
  return done;
}
