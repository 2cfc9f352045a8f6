import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../databases";
import { APP_DB, footprint, scratchDir } from "./helpers";

// `npm run import:legacy -- <app.db> [--dry-run]` as a shop runs it: its own process, its exit code and its
// Spanish report on the terminal.
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

async function importLegacy(url: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "scripts/import-legacy.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" }, timeout: 120_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("npm run import:legacy", () => {
  let t: TestDatabase;
  const scratch = scratchDir();
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    scratch.cleanup();
    await t.drop();
  });

  it("simulates, applies, and on a second run says nothing changed", async () => {
    const before = await footprint(t.db);
    const dry = await importLegacy(t.url, APP_DB, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Base de datos: sqlite\nSimulación \(no se escribió nada\)/);
    expect(dry.stdout).toContain("- Mensajes: 787 nuevos");
    expect(await footprint(t.db)).toEqual(before);

    const applied = await importLegacy(t.url, APP_DB);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("Importación aplicada en una sola transacción:");
    expect(await t.db.product.count({ where: { legacyId: { not: null } } })).toBe(121);

    const again = await importLegacy(t.url, APP_DB);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Sin cambios: los datos del sistema anterior ya estaban importados.");
    expect(again.stdout).toContain("- Mensajes: 0 nuevos, 787 ya importados");
  }, 300_000);

  it("refuses a file that is not the previous system's database with exit code 1 and writes nothing", async () => {
    const file = path.join(scratch.dir, "productos.db");
    writeFileSync(file, "nombre,precio\nCasco,25000\n");
    const before = await footprint(t.db);
    const refused = await importLegacy(t.url, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("No se importó nada. El archivo tiene problemas:");
    expect(refused.stderr).toContain("no es una base de datos SQLite");
    expect(await footprint(t.db)).toEqual(before);
    const usage = await importLegacy(t.url);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Uso: npm run import:legacy -- <ruta/app.db> [--dry-run]");
  }, 120_000);
});
