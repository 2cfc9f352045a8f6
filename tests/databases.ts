import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db, loadEngine } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";

// Real databases for integration tests. The global setup migrates and seeds one template per flavour;
// each suite gets its own copy (a file copy for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL).
export type Flavour = "sqlite" | "postgres";
export const FLAVOURS: Flavour[] = ["sqlite", "postgres"];

export type TestDatabase = { flavour: Flavour; url: string; db: Db; drop: () => Promise<void> };

export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

let counter = 0;

export async function freshDatabase(flavour: Flavour): Promise<TestDatabase> {
  const templates = inject("dbTemplates");
  await loadEngine(flavour);
  const name = `${templates.runId}_${process.pid}_${counter++}`;
  if (flavour === "sqlite") {
    const dir = path.join(templates.sqliteDir, "copies");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    copyFileSync(templates.sqliteFile, file);
    const url = `file:${file}`;
    const db = createDb(url);
    return {
      flavour,
      url,
      db,
      drop: async () => {
        await db.$disconnect();
        for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templates.postgresDatabase}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(postgresAdminUrl(), name);
  const db = createDb(url);
  return {
    flavour,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: postgresAdminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Points the app's own `db()` (and everything reading env) at a test database. */
export function useDatabaseForApp(url: string): void {
  process.env.DATABASE_URL = url;
  resetEnvCache();
}
