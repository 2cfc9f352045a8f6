// Identifiers of the previous system's data in ours (shared by the CSV import and the app.db import).

/** A stable, readable SKU the shop never chose: `SV-0018` for the previous system's product 18. */
export function legacyProductSku(legacyId: number): string {
  return `SV-${String(legacyId).padStart(4, "0")}`;
}
