import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/health/route";
import { GET as info } from "@/app/info/route";
import { resetEnvCache } from "@/lib/env";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { ctx, request } from "../exports/helpers";

describe.each(FLAVOURS)("health and info on %s", (flavour) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-health-"));
    process.env.STORAGE_LOCAL_DIR = dir;
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports database, storage and model", async () => {
    const r = await health(request("/health"), ctx({}));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({
      status: "ok",
      base_de_datos: { estado: "ok", tipo: flavour },
      almacenamiento: { estado: "ok", backend: "local" },
      modelo: { proveedor: "offline", estado: "ok" },
    });
    const i = await (await info(request("/info"), ctx({}))).json();
    expect(i).toMatchObject({
      servicio: "sextinvalle",
      base_de_datos: flavour,
      almacenamiento: "local",
      modelo: { proveedor: "offline" },
    });
    expect(i.version).toBeTruthy();
  });

  it("answers 503 when the database is down", async () => {
    useDatabaseForApp(
      flavour === "postgres" ? "postgresql://nobody@127.0.0.1:1/none" : `file:${path.join(dir, "missing", "x.db")}`,
    );
    try {
      const r = await health(request("/health"), ctx({}));
      expect(r.status).toBe(503);
      expect((await r.json()).base_de_datos.estado).toBe("error");
    } finally {
      useDatabaseForApp(t.url);
      resetEnvCache();
    }
  });
});
