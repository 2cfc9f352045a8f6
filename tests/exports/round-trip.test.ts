import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOrder } from "@/lib/db/orders";
import { CSV_DEFAULTS, CSV_EXCEL_ES, csvChunks } from "@/lib/exports/csv";
import {
  type CellValue,
  DATASET_NAMES,
  DATASETS,
  datasetBatches,
  type ExportRow,
  headerOf,
} from "@/lib/exports/datasets";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { parseCsv } from "./helpers";

// Write every dataset as CSV with both separators, parse it back, and get the same rows and values (the legacy
// style: stored codes and sortable timestamps; tests/exports/human-columns.test.ts reads the console's style).
const TRICKY = [
  'Casco "Pro", con visera',
  "Línea 1\nLínea 2\r\nLínea 3",
  '=HYPERLINK("http://malo")',
  "+57 300 123",
  "-2+3",
  "@SUMA(A1)",
  "\tTabulado",
  "\rRetorno",
  "  espacios  ",
  "punto;y;coma",
];

/** What a reader gets back for a cell (written independently of lib/exports/csv). */
function expectedCell(value: CellValue, kind: string): string {
  if (value === null) return "";
  if (value instanceof Date || (kind === "datetime" && typeof value === "number"))
    return new Date(new Date(value).getTime() - 5 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (typeof value === "number" && kind !== "text") return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

async function collect(iterable: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of iterable) out += chunk;
  return out;
}

describe.each(FLAVOURS)("CSV export round trip on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    for (const [i, text] of TRICKY.entries()) {
      await t.db.product.create({
        data: { sku: `TRK-${i}`, name: text, description: text, category: "Prueba", price: 1000 + i, stock: 50 },
      });
    }
    await closeOrder({
      lines: [
        { sku: "TRK-0", quantity: 2 },
        { sku: "TRK-2", quantity: 1 },
      ],
      customer: {
        name: '=Cliente "raro", S.A.',
        documentType: "NIT",
        documentNumber: "900123456",
        city: "Cali\nValle",
      },
      channel: "api",
      actor: { type: "api" },
    });
    const conversation = await t.db.conversation.create({ data: { chatId: "chat-roundtrip" } });
    for (const text of TRICKY) {
      await t.db.message.create({
        data: { conversationId: conversation.id, role: "customer", text, intent: "venta", saleState: "pendiente" },
      });
    }
  });
  afterAll(async () => t.drop());

  for (const name of DATASET_NAMES) {
    for (const options of [CSV_DEFAULTS, CSV_EXCEL_ES]) {
      it(`${name} with "${options.delimiter}"${options.bom ? " and BOM" : ""}`, async () => {
        const def = DATASETS[name];
        const text = await collect(csvChunks(def, {}, options, undefined, 7, "legacy"));
        expect(text.startsWith("\uFEFF")).toBe(options.bom);
        const [header, ...rows] = parseCsv(text, options.delimiter);
        expect(header).toEqual(def.columns.map((c) => headerOf(c, "legacy")));

        const source: ExportRow[] = [];
        for await (const batch of datasetBatches(def, {}, 500)) source.push(...batch);
        expect(source.length).toBeGreaterThan(0);
        expect(rows).toHaveLength(source.length);
        const expected = source.map((row) => def.columns.map((c, i) => expectedCell(row[i] ?? null, c.kind)));
        expect(rows).toEqual(expected);
      });
    }
  }

  it("writes money as integer pesos straight from the database and neutralises formulas", async () => {
    const text = await collect(csvChunks(DATASETS.ventas, {}, CSV_EXCEL_ES));
    const [header, ...rows] = parseCsv(text, ";");
    const at = (label: string) => header?.indexOf(label) ?? -1;
    const line = rows.find((r) => r[at("SKU")] === "TRK-0");
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "TRK-0" } });
    expect(line?.[at("Precio unitario (COP)")]).toBe(String(product.price));
    expect(line?.[at("Subtotal (COP)")]).toBe(String(product.price * 2));
    expect(line?.[at("Cliente")]).toBe(`'=Cliente "raro", S.A.`);
    expect(line?.[at("Ciudad")]).toBe("Cali\nValle");
    expect(text).toContain("\r\n");
  });

  it("filters by date range and state", async () => {
    const all = await collect(csvChunks(DATASETS.conversaciones, {}, CSV_DEFAULTS));
    expect(parseCsv(all, ",")[0]).toContain("Quién escribe");
    const pending = await collect(csvChunks(DATASETS.conversaciones, { state: "pendiente" }, CSV_DEFAULTS));
    const future = await collect(
      csvChunks(DATASETS.conversaciones, { from: new Date(Date.now() + 86_400_000) }, CSV_DEFAULTS),
    );
    expect(parseCsv(pending, ",").length - 1).toBe(TRICKY.length);
    expect(parseCsv(all, ",").length).toBeGreaterThan(parseCsv(pending, ",").length);
    expect(parseCsv(future, ",")).toHaveLength(1);
  });
});
