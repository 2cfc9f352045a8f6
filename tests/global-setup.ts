import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { setupDatabase } from "@/lib/db/setup";
import { postgresAdminUrl, withDatabase } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplates: { runId: string; sqliteDir: string; sqliteFile: string; postgresDatabase: string };
  }
}

// Builds the seeded template databases once per run through the real migration path (db:setup), and
// drops every database this run created afterwards.
export default async function setup(project: TestProject) {
  const sqliteDir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-test-"));
  const sqliteFile = path.join(sqliteDir, "template.db");
  const runId = `svt_${process.pid}_${Date.now().toString(36)}`;
  const postgresDatabase = `${runId}_tpl`;

  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${postgresDatabase}"`);
  await admin.end();

  await Promise.all([
    setupDatabase(`file:${sqliteFile}`),
    setupDatabase(withDatabase(postgresAdminUrl(), postgresDatabase)),
  ]);
  project.provide("dbTemplates", { runId, sqliteDir, sqliteFile, postgresDatabase });

  return async () => {
    rmSync(sqliteDir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: postgresAdminUrl() });
    await c.connect();
    try {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
        `${runId.replaceAll("_", "\\_")}\\_%`,
      ]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
}
