import { BOUND_MESSAGES, MAX_PRICE, MAX_STOCK } from "@/lib/domain/bounds";
import { foldText } from "@/lib/text";
import { type CsvEncoding, decodeCsvBytes } from "./encoding";
import { type RawRecord, type Records, readRecords, readRecordsAsync } from "./records";

// Pure parsing and validation of product CSV files, shared by the console import and the legacy
// `POST /productos/reemplazar_csv`. Two layouts are accepted:
//  - our catalogue: sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos
//  - the previous system: nombre,descripcion,precio,stock[,categoria] (no SKU: matched by name)
// Either separator (`,` or `;`); UTF-8 with or without BOM, or Windows-1252/Latin-1 (encoding.ts decides from
// the bytes, or refuses). Nothing is written here.
export type ImportFormat = "catalogo" | "legado";

export type ImportRow = {
  line: number;
  sku: string | null;
  name: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number;
  stock: number;
  unit: string | null;
  standard: string | null;
  synonyms: string | null;
  /** The previous system's product id (its CSV export's `id` column): the product's legacy id and SKU. */
  legacyId: number | null;
  /** The `activo` column when the file has one; otherwise an imported product is active. */
  active: boolean | null;
};

export type ImportError = { line: number; field?: string; message: string };

export type ParsedImport = {
  format: ImportFormat | null;
  /** How the file's bytes were read (a text input counts as UTF-8). */
  encoding: CsvEncoding;
  separator: "," | ";";
  rows: ImportRow[];
  errors: ImportError[];
};

export const MAX_IMPORT_ROWS = 200_000;
/** The same bounds as every other way in (lib/domain/bounds.ts). */
export const MAX_IMPORT_PRICE = MAX_PRICE;
export const MAX_IMPORT_STOCK = MAX_STOCK;

const ALIASES: Record<string, string> = { descripcion: "descripcion", description: "descripcion", nombre: "nombre" };

function headerKey(raw: string): string {
  const folded = foldText(raw).replace(/\s+/g, "_");
  return ALIASES[folded] ?? folded;
}

/** The first line decides the separator: whichever of `;` and `,` it contains more of. */
function detectSeparator(text: string): "," | ";" {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** Pesos as an integer: `38500`, `38.500`, `$ 38.500`, `38500.00` or `38500,0`. */
export function parsePesos(value: string): number | null {
  const v = value.replace(/\$|\s|COP/gi, "");
  if (/^\d{1,3}(\.\d{3})+$/.test(v)) return Number(v.replaceAll(".", ""));
  if (/^\d{1,3}(,\d{3})+$/.test(v)) return Number(v.replaceAll(",", ""));
  const plain = /^(\d+)([.,]0+)?$/.exec(v);
  return plain ? Number(plain[1]) : null;
}

function parseQuantity(value: string): number | null {
  const plain = /^(-?\d+)([.,]0+)?$/.exec(value.replace(/\s/g, ""));
  return plain ? Number(plain[1]) : null;
}

function parseFlag(value: string): boolean | null {
  const v = foldText(value);
  if (["1", "true", "si", "s", "activo", "yes"].includes(v)) return true;
  if (["0", "false", "no", "n", "inactivo"].includes(v)) return false;
  return null;
}

type Decoded = { encoding: CsvEncoding; text: string; separator: "," | ";" };

function decode(input: string | Uint8Array): Decoded {
  const decoded = typeof input === "string" ? { text: input, encoding: "utf-8" as const } : decodeCsvBytes(input);
  const text = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  return { encoding: decoded.encoding, text, separator: detectSeparator(text) };
}

/** Parses an upload: pass the file's bytes so its encoding is detected (a string is taken as decoded text). */
export function parseProductImport(input: string | Uint8Array): ParsedImport {
  const decoded = decode(input);
  const parsed = validate(decoded, readRecords(decoded.text, decoded.separator));
  if (!parsed.pending) return parsed.result;
  for (const record of parsed.pending.records) parsed.pending.check(record);
  return parsed.pending.finish();
}

/** Rows validated between two yields to the event loop. */
const VALIDATE_CHUNK_ROWS = 5_000;

/**
 * `parseProductImport` for a server handling other requests meanwhile: the same result, with the CSV parsed in
 * slices and the rows validated 5 000 at a time, yielding to the event loop in between.
 */
export async function parseProductImportAsync(input: string | Uint8Array): Promise<ParsedImport> {
  const decoded = decode(input);
  const parsed = validate(decoded, await readRecordsAsync(decoded.text, decoded.separator));
  if (!parsed.pending) return parsed.result;
  const { records } = parsed.pending;
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % VALIDATE_CHUNK_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    parsed.pending.check(records[i] as RawRecord);
  }
  return parsed.pending.finish();
}

type Validation =
  | { result: ParsedImport; pending?: undefined }
  | { pending: { records: RawRecord[]; check: (record: RawRecord) => void; finish: () => ParsedImport } };

/** The file-level checks at once; the rows' checks one record at a time (`check`), then `finish`. */
function validate({ encoding, separator }: Decoded, { header: head, records, errors }: Records): Validation {
  const header = head ?? [];
  const keys = header.map(headerKey);
  const has = (k: string) => keys.includes(k);
  const format: ImportFormat | null = has("sku") ? "catalogo" : has("nombre") && has("precio") ? "legado" : null;
  const refused = (list: ImportError[]): Validation => ({
    result: { format, encoding, separator, rows: [], errors: list },
  });
  if (!format) {
    return refused([
      {
        line: 1,
        message:
          "No reconocemos las columnas. Usa las del catálogo (sku,nombre,categoria,marca,precio,stock,…) o las del sistema anterior (nombre,descripcion,precio,stock).",
      },
    ]);
  }
  const required =
    format === "catalogo" ? ["sku", "nombre", "categoria", "precio", "stock"] : ["nombre", "precio", "stock"];
  const missing = required.filter((k) => !has(k));
  if (missing.length > 0)
    return refused([{ line: 1, message: `Faltan columnas obligatorias: ${missing.join(", ")}.` }]);
  if (records.length === 0) errors.push({ line: 1, message: "El archivo no tiene filas de productos." });
  if (records.length > MAX_IMPORT_ROWS) {
    errors.push({ line: 1, message: `El archivo supera el máximo de ${MAX_IMPORT_ROWS} filas.` });
    return refused(errors);
  }

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const check = (record: RawRecord) => {
    const cell = (k: string) => {
      const i = keys.indexOf(k);
      return i < 0 ? null : (record.cells[i] ?? "").trim();
    };
    const rowErrors: ImportError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ line: record.line, field, message });
    if (record.cells.length !== header.length) {
      fail("_", `La fila tiene ${record.cells.length} columnas y el encabezado ${header.length}.`);
    }
    const sku = cell("sku");
    const name = cell("nombre") ?? "";
    const priceText = cell("precio") ?? "";
    const stockText = cell("stock") ?? "";
    if (format === "catalogo" && !sku) fail("sku", "El SKU es obligatorio.");
    if (sku && (sku.length > 40 || !/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/.test(sku))) fail("sku", "SKU inválido.");
    if (name.length < 2) fail("nombre", "El nombre es obligatorio.");
    if (name.length > 200) fail("nombre", "El nombre supera 200 caracteres.");
    const price = parsePesos(priceText);
    if (price === null) fail("precio", `Precio inválido: «${priceText}». Usa un entero en pesos, p. ej. 38500.`);
    else if (price <= 0) fail("precio", "El precio debe ser mayor que $ 0.");
    else if (price > MAX_IMPORT_PRICE) fail("precio", BOUND_MESSAGES.price);
    const stock = parseQuantity(stockText);
    if (stock === null) fail("stock", `Stock inválido: «${stockText}». Usa un número entero.`);
    else if (stock < 0) fail("stock", "El stock no puede ser negativo.");
    else if (stock > MAX_IMPORT_STOCK) fail("stock", BOUND_MESSAGES.stock);
    const category = cell("categoria");
    if (format === "catalogo" && !category) fail("categoria", "La categoría es obligatoria.");
    const description = cell("descripcion");
    if (description && description.length > 2000) fail("descripcion", "La descripción supera 2000 caracteres.");
    const idText = format === "legado" ? cell("id") : null;
    const legacyId = idText ? Number(idText) : null;
    if (idText && !(Number.isInteger(legacyId) && (legacyId as number) > 0)) fail("id", `Id inválido: «${idText}».`);
    const activeText = cell("activo");
    const active = activeText ? parseFlag(activeText) : null;
    if (activeText && active === null) fail("activo", `Valor de «activo» inválido: «${activeText}». Usa 1/0 o sí/no.`);
    const identity = sku ? `sku:${sku.toUpperCase()}` : `nombre:${foldText(name)}`;
    const previous = seen.get(identity);
    if (previous !== undefined) fail(sku ? "sku" : "nombre", `Producto repetido (ya aparece en la línea ${previous}).`);
    else seen.set(identity, record.line);

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({
      line: record.line,
      sku: sku || null,
      name,
      description,
      // the previous system filled every row with a flat "General": that is no category at all
      category: format === "legado" && foldText(category ?? "") === "general" ? null : category || null,
      brand: cell("marca"),
      price: price as number,
      stock: stock as number,
      unit: cell("unidad") || null,
      standard: cell("norma"),
      synonyms: cell("sinonimos"),
      legacyId,
      active,
    });
  };
  const finish = (): ParsedImport => {
    errors.sort((a, b) => a.line - b.line);
    return { format, encoding, separator, rows, errors };
  };
  return { pending: { records, check, finish } };
}
