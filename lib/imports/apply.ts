import type { Principal } from "@/lib/auth/principal";
import { announceCatalogWrites } from "@/lib/chat/catalog-feed";
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
  // each batch's products go into the chat's index (here and, through the bus, on every instance) as they are
  // written: the import ends with this process's index current, and no customer's turn reads them back
  return applyProductImportRows(rows, principal, { ...options, onWritten: announceCatalogWrites });
}
