import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Db } from "@/lib/db/client";

// The previous system's real database, and damaged copies of it made per test in a temporary folder.
export const APP_DB = path.resolve(import.meta.dirname, "../../../shared/reference/previous-system/app.db");

/** Reads the legacy file directly (not through the importer), for expected values. */
export function legacyQuery<T>(sql: string, ...params: unknown[]): T[] {
  const file = new Database(APP_DB, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(sql).all(...params) as T[];
  } finally {
    file.close();
  }
}

export function legacyCount(sql: string): number {
  return legacyQuery<{ n: number }>(sql)[0]?.n ?? Number.NaN;
}

export function scratchDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "legacy-import-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of app.db changed by `sql` (run on the copy only). */
export function alteredCopy(dir: string, name: string, sql: string): string {
  const target = path.join(dir, name);
  copyFileSync(APP_DB, target);
  const file = new Database(target);
  try {
    file.pragma("foreign_keys = OFF"); // the damage is the point: the copy need not stay consistent
    file.exec(sql);
  } finally {
    file.close();
  }
  return target;
}

/** Row counts of everything the import writes, to prove a refused file wrote nothing. */
export async function footprint(db: Db) {
  const [products, active, clients, orders, conversations, messages, company, settings, audit, movements] =
    await Promise.all([
      db.product.count(),
      db.product.count({ where: { active: true } }),
      db.client.count(),
      db.order.count(),
      db.conversation.count(),
      db.message.count(),
      db.companyInfo.count(),
      db.setting.count(),
      db.auditLog.count(),
      db.stockMovement.count(),
    ]);
  return { products, active, clients, orders, conversations, messages, company, settings, audit, movements };
}
