import { expireExportFiles } from "@/lib/db/exports";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";
import type { Storage } from "@/lib/storage/types";

// Scheduled clean-up of expired files: objects past their expiry are deleted from storage and their
// ExportFile rows marked expired. Started once per process with startStorageCleanup().
export async function runStorageCleanup(now = new Date(), target: Storage = storage()) {
  const { expired, staleFailed } = await expireExportFiles(now);
  for (const row of expired) await target.delete(row.key).catch(() => undefined);
  const deleted = await target.cleanupExpired(now);
  return { rowsExpired: expired.length, objectsDeleted: deleted.length, staleFailed };
}

const globalForCleanup = globalThis as unknown as { __sextinvalleStorageCleanup?: NodeJS.Timeout };

export function startStorageCleanup(intervalMs = 15 * 60_000): () => void {
  if (globalForCleanup.__sextinvalleStorageCleanup) return stopStorageCleanup;
  const tick = () => {
    runStorageCleanup()
      .then((r) => {
        if (r.rowsExpired + r.objectsDeleted + r.staleFailed > 0) log.info("storage cleanup", r);
      })
      .catch((error: unknown) => log.warn("storage cleanup failed", { err: error }));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  globalForCleanup.__sextinvalleStorageCleanup = timer;
  setTimeout(tick, 5_000).unref();
  return stopStorageCleanup;
}

export function stopStorageCleanup(): void {
  clearInterval(globalForCleanup.__sextinvalleStorageCleanup);
  globalForCleanup.__sextinvalleStorageCleanup = undefined;
}
