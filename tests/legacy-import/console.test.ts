import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as legacyImport } from "@/app/api/console/imports/legacy/route";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx } from "../exports/helpers";
import { APP_DB, footprint } from "./helpers";

// The console's upload of app.db: simulation first (nothing written), then apply; administrators only.
describe("console legacy import (POST /api/console/imports/legacy)", () => {
  let t: TestDatabase;
  const keys: Record<string, string> = {};
  const bytes = readFileSync(APP_DB);
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    keys.admin = await apiKeyFor("admin");
    keys.ventas = await apiKeyFor("ventas");
  });
  afterAll(async () => t.drop());

  const post = (mode: string, key: string, body: Uint8Array | string = bytes) =>
    legacyImport(
      new NextRequest(`http://localhost/api/console/imports/legacy?mode=${mode}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream" },
        body: typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body),
      }),
      ctx({}),
    );

  it("refuses staff without the settings permission", async () => {
    expect((await post("preview", keys.ventas as string)).status).toBe(403);
  });

  it("shows the dry-run report, writes nothing, then applies in one go", async () => {
    const before = await footprint(t.db);
    const preview = await post("preview", keys.admin as string);
    expect(preview.status).toBe(200);
    const body = await preview.json();
    expect(body.report).toMatchObject({ dryRun: true, changed: true, products: { created: 121 } });
    expect(body.text).toMatch(/^Simulación \(no se escribió nada\)/);
    expect(body.text).toContain("Mensajes: 787 nuevos");
    expect(await footprint(t.db)).toEqual(before);

    const applied = await (await post("apply", keys.admin as string)).json();
    expect(applied.report).toMatchObject({ dryRun: false, changed: true });
    expect(await t.db.product.count({ where: { legacyId: { not: null } } })).toBe(121);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "legacy.import" } });
    expect(audit.actorType).toBe("apikey");

    const again = await (await post("preview", keys.admin as string)).json();
    expect(again.text).toMatch(/^Simulación: sin cambios/);
  });

  it("answers a file that is not the previous system's database with its problems (422)", async () => {
    const res = await post("preview", keys.admin as string, "nombre,precio\nCasco,25000\n");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.problems).toEqual([expect.stringMatching(/no es una base de datos SQLite/)]);
  });
});
