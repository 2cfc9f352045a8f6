import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createDb, loadEngine, tuneDatabase } from "@/lib/db/client";
import { isDatabaseEmpty, type SeedPasswords, seedDatabase } from "@/lib/db/seed/seed";
import { databaseFlavour } from "@/lib/env";

const run = promisify(execFile);

export const SCHEMA_ENGINE = path.join(process.cwd(), "tools", "schema-engine.mjs");
const PRISMA_BIN = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");

/** Runs the Prisma CLI with the project's offline schema engine (Prisma cannot download its own here). */
export async function runPrismaCli(args: string[], databaseUrl: string): Promise<string> {
  const { stdout } = await run(process.execPath, [PRISMA_BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: SCHEMA_ENGINE,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

function ensureSqliteDirectory(url: string): void {
  if (databaseFlavour(url) !== "sqlite") return;
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

export const DEV_PASSWORDS: SeedPasswords = {
  admin: "Admin-Sextinvalle-2026",
  ventas: "Ventas-Sextinvalle-2026",
  gerente: "Gerente-Sextinvalle-2026",
};

/** Seed passwords from the environment; production never falls back to the development defaults. */
export function seedPasswordsFromEnv(source: Record<string, string | undefined> = process.env): SeedPasswords {
  const production = source.NODE_ENV === "production";
  const pick = (name: string, fallback: string) => {
    const value = source[name]?.trim();
    if (value) return value;
    if (production) throw new Error(`${name} must be set to seed a production database (no default passwords).`);
    return fallback;
  };
  return {
    admin: pick("SEED_ADMIN_PASSWORD", DEV_PASSWORDS.admin),
    ventas: pick("SEED_VENTAS_PASSWORD", DEV_PASSWORDS.ventas),
    gerente: pick("SEED_GERENTE_PASSWORD", DEV_PASSWORDS.gerente),
  };
}

export type SetupResult = { migrated: boolean; seeded: boolean };

/** Applies pending migrations, then seeds only an empty database. Safe to run any number of times. */
export async function setupDatabase(
  databaseUrl: string,
  options: { passwords?: SeedPasswords; seed?: boolean } = {},
): Promise<SetupResult> {
  ensureSqliteDirectory(databaseUrl);
  const output = await runPrismaCli(["migrate", "deploy"], databaseUrl);
  const migrated = !/No pending migrations/i.test(output);
  await loadEngine(databaseFlavour(databaseUrl));
  const client = createDb(databaseUrl);
  try {
    await tuneDatabase(client, databaseUrl);
    if (options.seed === false || !(await isDatabaseEmpty(client))) return { migrated, seeded: false };
    await seedDatabase(client, options.passwords ?? seedPasswordsFromEnv());
    return { migrated, seeded: true };
  } finally {
    await client.$disconnect();
  }
}
