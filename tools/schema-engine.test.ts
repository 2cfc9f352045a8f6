import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresAdminUrl, withDatabase } from "@/tests/databases";

// The offline schema engine stand-in, exercised through the real Prisma CLI: the commands developers
// run (migrate dev with a shadow database, deploy, status, reset) on both flavours.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const shim = path.join(root, "tools", "schema-engine.mjs");
const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");
const work = path.join(root, ".tmp", `schema-engine-test-${process.pid}`);

function prisma(args: string[], databaseUrl: string) {
  return run(process.execPath, [prismaCli, ...args], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: shim, CHECKPOINT_DISABLE: "1" },
  });
}

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  const c = new pg.Client({ connectionString: postgresAdminUrl() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "svt_shim_${process.pid}" WITH (FORCE)`);
  await c.end();
});

describe("tools/schema-engine.mjs", () => {
  it("answers --version like the native binary", async () => {
    const { stdout } = await run(process.execPath, [shim, "--version"]);
    expect(stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
  });

  it.each(["sqlite", "postgres"] as const)(
    "runs migrate dev, status and reset on %s",
    async (flavour) => {
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      cpSync(path.join(root, "prisma"), path.join(work, "prisma"), { recursive: true, dereference: true });
      cpSync(path.join(root, "prisma.config.ts"), path.join(work, "prisma.config.ts"));
      const url =
        flavour === "sqlite"
          ? `file:${path.join(work, "shim.db")}`
          : withDatabase(postgresAdminUrl(), `svt_shim_${process.pid}`);

      // A missing PostgreSQL database is created by the CLI through the shim's one-shot `cli` commands.
      await prisma(["migrate", "deploy"], url);
      expect((await prisma(["migrate", "status"], url)).stdout).toMatch(/up to date/);

      // Change the model: migrate dev must diff against a shadow database and write a new migration.
      const models = path.join(work, "prisma", flavour, "models.prisma"); // a copy: symlinks were dereferenced
      writeFileSync(
        models,
        readFileSync(models, "utf8").replace("model Setting {", "model Setting {\n  shimProbe String?"),
      );
      await prisma(["migrate", "dev", "--name", "shim_probe"], url);
      const created = readdirSync(path.join(work, "prisma", flavour, "migrations")).filter((d) =>
        d.endsWith("_shim_probe"),
      );
      expect(created).toHaveLength(1);
      const sql = readFileSync(
        path.join(work, "prisma", flavour, "migrations", created[0] as string, "migration.sql"),
        "utf8",
      );
      expect(sql).toMatch(/shimProbe/);
      expect((await prisma(["migrate", "status"], url)).stdout).toMatch(/up to date/);

      await prisma(["migrate", "reset", "--force"], url);
      expect((await prisma(["migrate", "status"], url)).stdout).toMatch(/up to date/);
    },
    180_000,
  ); // three Prisma CLI runs each start the WebAssembly engine: slow on a busy 2-core machine
});
