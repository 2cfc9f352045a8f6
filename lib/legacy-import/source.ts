import { closeSync, openSync, readSync } from "node:fs";
import Database from "better-sqlite3";
import { IGNORED_TABLES, LEGACY_TABLES, type LegacyRows, type LegacyTable, ROW_SCHEMAS } from "./schemas";

// Reads the previous system's SQLite file read-only and validates every table before anything is mapped.
// Every problem found is collected (not just the first), so one report says all that is wrong with a file.
export class LegacyFileRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`El archivo no se puede importar: ${problems.slice(0, 5).join(" ")}`);
    this.name = "LegacyFileRefused";
  }
}

export type LegacySource = {
  rows: LegacyRows;
  /** Tables of the file we do not import, with their row counts (shown in the report). */
  ignored: { table: string; rows: number }[];
};

const SQLITE_MAGIC = "SQLite format 3\0";
const MAX_PROBLEMS = 50;

function open(input: string | Uint8Array): Database.Database {
  try {
    if (typeof input === "string") return new Database(input, { readonly: true, fileMustExist: true });
    return new Database(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LegacyFileRefused([`No se pudo abrir el archivo como base de datos SQLite (${reason}).`]);
  }
}

function checkHeader(header: Uint8Array): void {
  if (header.byteLength < 100 || Buffer.from(header.subarray(0, 16)).toString("latin1") !== SQLITE_MAGIC) {
    throw new LegacyFileRefused([
      "El archivo no es una base de datos SQLite (se espera el app.db del sistema anterior).",
    ]);
  }
}

function readHeader(input: string | Uint8Array): Uint8Array {
  if (typeof input !== "string") return input.subarray(0, 100);
  // a path: read only the 100-byte header; better-sqlite3 reads the rest read-only
  let fd: number;
  try {
    fd = openSync(input, "r");
  } catch {
    throw new LegacyFileRefused([`No se encontró el archivo ${input}.`]);
  }
  try {
    const buffer = Buffer.alloc(100);
    const read = readSync(fd, buffer, 0, 100, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A truncated or damaged file: SQLite's own check, which reads every page. */
function checkIntegrity(file: Database.Database): void {
  let result: { integrity_check: string }[];
  try {
    result = file.pragma("integrity_check(20)") as { integrity_check: string }[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LegacyFileRefused([`La base de datos está dañada o incompleta (${reason}); no se importó nada.`]);
  }
  const problems = result.map((r) => r.integrity_check).filter((r) => r !== "ok");
  if (problems.length > 0) {
    throw new LegacyFileRefused([
      `La base de datos está dañada o incompleta (${problems.slice(0, 3).join("; ")}); no se importó nada.`,
    ]);
  }
}

function checkTables(file: Database.Database): string[] {
  const problems: string[] = [];
  const present = new Set(
    (file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  for (const [table, spec] of Object.entries(LEGACY_TABLES)) {
    if (!present.has(table)) {
      problems.push(`Falta la tabla «${table}».`);
      continue;
    }
    const columns = (file.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const known = new Set<string>([...spec.required, ...spec.optional]);
    const missing = spec.required.filter((c) => !columns.includes(c));
    const unknown = columns.filter((c) => !known.has(c));
    if (missing.length > 0) problems.push(`A la tabla «${table}» le faltan columnas: ${missing.join(", ")}.`);
    if (unknown.length > 0) {
      problems.push(`La tabla «${table}» tiene columnas desconocidas: ${unknown.join(", ")}.`);
    }
  }
  return problems;
}

function readTable<T extends LegacyTable>(file: Database.Database, table: T, problems: string[]): LegacyRows[T] {
  const raw = file.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[];
  const rows: LegacyRows[T] = [];
  const schema = ROW_SCHEMAS[table];
  for (const [index, record] of raw.entries()) {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      rows.push(parsed.data as LegacyRows[T][number]);
      continue;
    }
    if (problems.length >= MAX_PROBLEMS) continue;
    const key = record.id ?? record.cedula ?? `fila ${index + 1}`;
    for (const issue of parsed.error.issues.slice(0, 3)) {
      const column = String(issue.path[0] ?? "?");
      problems.push(`«${table}» ${String(key)}, columna ${column}: ${issue.message}.`);
    }
  }
  return rows;
}

function duplicates<T>(rows: T[], key: (row: T) => string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) repeated.add(k);
    seen.add(k);
  }
  return [...repeated];
}

function checkDuplicates(rows: LegacyRows): string[] {
  const problems: string[] = [];
  const report = (what: string, values: string[]) => {
    if (values.length > 0) problems.push(`${what} repetidos: ${values.slice(0, 10).join(", ")}.`);
  };
  report(
    "Ids de «productos»",
    duplicates(rows.productos, (r) => String(r.id)),
  );
  report(
    "Cédulas de «clientes»",
    duplicates(rows.clientes, (r) => r.cedula.replace(/[\s.]/g, "")),
  );
  report(
    "Ids de «ventas»",
    duplicates(rows.ventas, (r) => String(r.id)),
  );
  report(
    "Ids de «mensajes»",
    duplicates(rows.mensajes, (r) => String(r.id)),
  );
  report(
    "Versiones de «contexto_empresa»",
    duplicates(rows.contexto_empresa, (r) => String(r.version)),
  );
  report(
    "Interruptores de «chat_control» para el mismo chat",
    duplicates(rows.chat_control, (r) => (r.tipo_control === "global" ? "(global)" : (r.chat_id ?? "(sin chat)"))),
  );
  const active = rows.contexto_empresa.filter((r) => r.activo);
  if (rows.contexto_empresa.length > 0 && active.length !== 1) {
    problems.push(`«contexto_empresa» debe tener exactamente una versión activa (tiene ${active.length}).`);
  }
  return problems;
}

/** Opens, checks and validates the file; throws LegacyFileRefused with every problem found. */
export function readLegacyDatabase(input: string | Uint8Array): LegacySource {
  checkHeader(readHeader(input));
  const file = open(input);
  try {
    checkIntegrity(file);
    const tableProblems = checkTables(file);
    if (tableProblems.length > 0) throw new LegacyFileRefused(tableProblems);
    const problems: string[] = [];
    const rows = {
      productos: readTable(file, "productos", problems),
      clientes: readTable(file, "clientes", problems),
      ventas: readTable(file, "ventas", problems),
      mensajes: readTable(file, "mensajes", problems),
      chat_control: readTable(file, "chat_control", problems),
      contexto_empresa: readTable(file, "contexto_empresa", problems),
    } satisfies LegacyRows;
    problems.push(...checkDuplicates(rows));
    if (problems.length > 0) throw new LegacyFileRefused(problems);
    const ignored = IGNORED_TABLES.flatMap((table) => {
      const exists = file.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      if (!exists || table === "sqlite_sequence") return [];
      const { n } = file.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number };
      return [{ table, rows: n }];
    });
    return { rows, ignored };
  } catch (error) {
    if (error instanceof LegacyFileRefused) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LegacyFileRefused([`La base de datos está dañada o incompleta (${reason}); no se importó nada.`]);
  } finally {
    file.close();
  }
}
