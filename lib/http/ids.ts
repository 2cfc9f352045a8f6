import { z } from "zod";

// Ids are 32-bit integer columns. A larger number cannot name a row, and PostgreSQL rejects it with an
// out-of-range error instead of "not found", so every id from outside is bounded here first.
// No server-only imports: client forms share these schemas.
export const MAX_ID = 2_147_483_647;

/** A database id in a JSON body or server action input. */
export const idSchema = z
  .number({ error: "El identificador debe ser un número." })
  .int("El identificador debe ser un entero.")
  .min(1, "El identificador debe ser mayor que cero.")
  .max(MAX_ID, "El identificador no es válido.");

/** A database id from a URL segment or query value: plain digits only (no `1e3`, `0x10`, spaces); else null. */
export function parseId(raw: string | null | undefined): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}
