import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { runPrismaCli, setupDatabase } from "@/lib/db/setup";
import { type Flavour, postgresAdminUrl, withDatabase } from "./databases";

// The migration path itself: an empty database of each flavour reaches the latest schema through
// db:setup, gets the catalogue, and a second run changes nothing.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function emptyDatabase(flavour: Flavour): Promise<string> {
  if (flavour === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-setup-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return `file:${path.join(dir, "nested", "fresh.db")}`;
  }
  const name = `svt_setup_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: postgresAdminUrl() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  return withDatabase(postgresAdminUrl(), name);
}

async function snapshot(url: string) {
  const db = createDb(url);
  try {
    return {
      products: await db.product.count(),
      stockTotal: (await db.product.aggregate({ _sum: { stock: true } }))._sum.stock,
      users: (await db.user.findMany({ orderBy: { email: "asc" } })).map((u) => `${u.email}:${u.role}`),
      company: await db.companyInfo.count(),
      clients: await db.client.count(),
      orders: await db.order.count({ where: { state: "cerrada" } }),
      conversations: await db.conversation.count(),
    };
  } finally {
    await db.$disconnect();
  }
}

describe.each<Flavour>(["sqlite", "postgres"])("db:setup on %s", (flavour) => {
  it("migrates an empty database, seeds it once, and is idempotent", async () => {
    const url = await emptyDatabase(flavour);

    const first = await setupDatabase(url);
    expect(first).toEqual({ migrated: true, seeded: true });
    const seeded = await snapshot(url);
    expect(seeded.products).toBe(76);
    expect(seeded.users).toEqual([
      "admin@sextinvalle.example:admin",
      "gerente@sextinvalle.example:gerente",
      "ventas@sextinvalle.example:ventas",
    ]);
    expect(seeded.company).toBe(1);
    expect(seeded.clients).toBeGreaterThan(0);
    expect(seeded.orders).toBeGreaterThan(0);
    expect(seeded.conversations).toBeGreaterThan(0);

    const second = await setupDatabase(url);
    expect(second).toEqual({ migrated: false, seeded: false });
    expect(await snapshot(url)).toEqual(seeded);

    const status = await runPrismaCli(["migrate", "status"], url);
    expect(status).toMatch(/Database schema is up to date/);
  }, 180_000);

  it("has migrations in step with the data model (no drift)", async () => {
    const scratch = path.join(os.tmpdir(), `sextinvalle-diff-${process.pid}.db`);
    cleanups.push(async () => rmSync(scratch, { force: true }));
    const diff = await runPrismaCli(
      [
        "migrate",
        "diff",
        "--from-migrations",
        `prisma/${flavour}/migrations`,
        "--to-schema",
        `prisma/${flavour}`,
        "--exit-code",
      ],
      flavour === "sqlite" ? `file:${scratch}` : withDatabase(postgresAdminUrl(), "postgres"),
    ).catch((e: { code?: number; stdout?: string; stderr?: string }) => {
      throw new Error(`migrations drift from prisma/models.prisma (${flavour}):\n${e.stdout ?? ""}${e.stderr ?? e}`);
    });
    expect(diff).toMatch(/No difference detected|empty migration/i);
  });
});
