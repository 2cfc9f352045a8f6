import type { Principal } from "@/lib/auth/principal";
import { applyProductImportRows, type ImportMode, type ImportOptions, type ImportSummary } from "@/lib/db/imports";
import { AppError } from "@/lib/errors";
import type { ImportRow } from "@/lib/imports/parse";

export type { ImportMode, ImportOptions, ImportSummary };

/**
 * Applies rows that came out of parseProductImport without errors. `replace` also deactivates every
 * product missing from the file (the legacy "reemplazar" semantics; products are never deleted because
 * orders reference them).
 */
export async function applyProductImport(
  rows: ImportRow[],
  principal: Principal | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (rows.length === 0) throw new AppError("invalid_input", "El archivo no tiene filas válidas para importar.");
  return applyProductImportRows(rows, principal, options);
}
