import type { Principal } from "@/lib/auth/principal";
import { writeLegacyDataset } from "@/lib/db/legacy-import";
import { mapLegacyDataset } from "./map";
import { readLegacyDatabase } from "./source";
import type { LegacyImportReport } from "./types";

// Moving a shop off the previous Python system: its whole app.db (a path, or the uploaded bytes) is read
// read-only, validated, mapped and written in one transaction. A refused file throws LegacyFileRefused
// (its `problems` are the Spanish report) and nothing is written.
export { formatLegacyReport } from "./report";
export { LegacyFileRefused } from "./source";
export type { LegacyImportReport } from "./types";

export async function importLegacyDatabase(
  input: string | Uint8Array,
  options: { dryRun: boolean; principal: Principal | null },
): Promise<LegacyImportReport> {
  const source = readLegacyDatabase(input);
  const dataset = mapLegacyDataset(source);
  return writeLegacyDataset(dataset, { ...options, ignoredTables: source.ignored });
}
