import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Column, DatasetDef, ExportRow } from "@/lib/exports/datasets";
import { xlsxChunks } from "@/lib/exports/xlsx";

// The hand-written XLSX writer read back two ways: with exceljs' reader (what a spreadsheet shows: texts,
// numbers as numbers, dates as dates in Colombian time, es-CO headers) and by unzipping it with JSZip (which
// checks every entry's CRC) and reading the sheet XML itself. No database: the rows come from a fake dataset.
const columns: Column[] = [
  { key: "id", header: "Línea", kind: "int" },
  { key: "producto", header: "Producto", kind: "text" },
  { key: "estado", header: "Estado", kind: "state" },
  { key: "fecha", header: "Fecha del pedido", kind: "datetime" },
  { key: "precio", header: "Precio unitario (COP)", kind: "money" },
  { key: "activo", header: "Activo", kind: "bool" },
  { key: "intencion", header: "Intención", kind: "intent" },
  { key: "canal", header: "Canal", kind: "channel" },
];
// 03:30 UTC on the 26th is 22:30 of the 25th in Bogotá
const AT = Date.parse("2026-11-26T03:30:00.000Z");
const TRICKY = [
  'Casco <b>"Pro"</b> & visera',
  "Línea 1\nLínea 2",
  "  espacios  ",
  '=HYPERLINK("http://malo")',
  "campana\u0007aquí",
  "Guante 🧤 talla 9",
];

function rowsFor(count: number): ExportRow[] {
  return Array.from({ length: count }, (_, i) => [
    i + 1,
    TRICKY[i % TRICKY.length] ?? "",
    i % 2 === 0 ? "cerrada" : "pendiente",
    i % 3 === 0 ? null : AT + i * 60_000,
    38_500 + i,
    i % 2 === 0,
    null,
    "web",
  ]);
}

function fakeDataset(rows: ExportRow[], calls = { n: 0 }): DatasetDef {
  return {
    name: "ventas",
    title: "Prueba",
    columns,
    count: async () => rows.length,
    async batch(_filters, afterId, take) {
      calls.n += 1;
      const page = rows.filter((r) => Number(r[0]) > afterId).slice(0, take);
      return { rows: page, lastId: page.length > 0 ? Number(page.at(-1)?.[0]) : null };
    },
  };
}

async function bytesOf(def: DatasetDef, maxSheetRows?: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of xlsxChunks(def, {}, undefined, "human", { maxSheetRows })) parts.push(chunk);
  return Buffer.concat(parts);
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("the streaming XLSX writer", () => {
  it("reads back in exceljs with es-CO headers, texts, numbers, dates and empty cells where they were", async () => {
    const rows = rowsFor(12);
    const workbook = await workbookOf(await bytesOf(fakeDataset(rows)));
    const sheet = workbook.getWorksheet("Prueba");
    if (!sheet) throw new Error("no sheet");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.actualRowCount).toBe(rows.length + 1);
    for (const [i, source] of rows.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(i + 1);
      // texts exactly as stored, never run as formulas, control characters dropped
      expect(row.getCell(2).value).toBe(String(source[1]).replace("\u0007", ""));
      expect(row.getCell(3).value).toBe(i % 2 === 0 ? "Cerrada" : "Pendiente");
      const date = row.getCell(4);
      if (source[3] === null) expect(date.value).toBeNull();
      else {
        // Excel dates carry no zone: the wall-clock time in Bogotá
        expect(date.value).toEqual(new Date(Number(source[3]) - 5 * 3_600_000));
        expect(date.numFmt).toBe("dd/mm/yyyy hh:mm");
      }
      expect(row.getCell(5).value).toBe(38_500 + i);
      expect(row.getCell(5).numFmt).toBe('"$" #,##0');
      expect(row.getCell(6).value).toBe(i % 2 === 0 ? "Sí" : "No");
      expect(row.getCell(7).value).toBe("Sin clasificar");
      expect(row.getCell(8).value).toBe("Web");
    }
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Number);
  });

  it("is a valid zip whose sheet XML holds inline strings, plain numbers and date-styled serials", async () => {
    const zip = await JSZip.loadAsync(await bytesOf(fakeDataset(rowsFor(3))), { checkCRC32: true });
    expect(Object.keys(zip.files).sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    const xml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<c r="A1" t="inlineStr" s="1"><is><t>Línea</t></is></c>');
    expect(xml).toContain('<is><t>Casco &lt;b&gt;"Pro"&lt;/b&gt; &amp; visera</t></is>');
    expect(xml).toContain('<t xml:space="preserve">  espacios  </t>');
    // row 2 has no date (a gap): the money cell after it names its address
    expect(xml).toMatch(/<row r="2"><c r="A2"><v>1<\/v><\/c><c t="inlineStr">.*?<c r="E2" s="2"><v>38500<\/v><\/c>/);
    const serial = (AT + 60_000 - 5 * 3_600_000) / 86_400_000 + 25_569;
    expect(xml).toContain(`<c s="3"><v>${serial}</v></c>`);
    const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    expect(workbookXml).toContain('<sheet name="Prueba" sheetId="1" r:id="rId1"/>');
  });

  it("continues on a second sheet past the row limit, each with its header; none empty at the boundary", async () => {
    const wb = await workbookOf(await bytesOf(fakeDataset(rowsFor(7)), 4));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Prueba", "Prueba (2)", "Prueba (3)"]);
    expect(wb.worksheets.map((w) => w.actualRowCount)).toEqual([4, 4, 2]);
    expect(wb.getWorksheet("Prueba (2)")?.getRow(1).getCell(1).value).toBe("Línea");
    expect(wb.getWorksheet("Prueba (3)")?.getRow(2).getCell(1).value).toBe(7);
    const exact = await workbookOf(await bytesOf(fakeDataset(rowsFor(3)), 4));
    expect(exact.worksheets.map((w) => w.name)).toEqual(["Prueba"]);
  });

  it("writes a header-only sheet for no rows, and stops reading batches when the reader stops", async () => {
    const empty = await workbookOf(await bytesOf(fakeDataset([])));
    expect(empty.getWorksheet("Prueba")?.actualRowCount).toBe(1);
    const calls = { n: 0 };
    const many = fakeDataset(rowsFor(200_000), calls);
    // 200 000 rows are 40 batches of 5 000 (~0.5 MB of XML each); zlib may hold 2 MB of XML while it works
    for await (const _chunk of xlsxChunks(many, {})) if (calls.n >= 2) break;
    const after = calls.n;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.n).toBe(after);
    expect(calls.n).toBeLessThan(12);
  });
});
