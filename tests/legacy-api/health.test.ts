import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as chatHealth } from "@/app/chat/health/route";
import { GET as health } from "@/app/health/route";
import { GET as info } from "@/app/info/route";
import { resetEnvCache } from "@/lib/env";
import { rootServiceInfo } from "@/lib/legacy-api/service-info";
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
      estado: "ok",
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

  it("keeps the previous HealthResponse and /info fields (status in success|warning|error)", async () => {
    const envelope = ["status", "message", "timestamp", "request_id", "service_name", "version", "dependencies"];
    const chat = await (await chatHealth(request("/chat/health"), ctx({}))).json();
    expect(Object.keys(chat)).toEqual(expect.arrayContaining(envelope));
    // no Google key in tests: the previous system reported it missing; the offline model still answers
    expect(chat).toMatchObject({
      status: "success",
      message: "Servicio de chat funcionando correctamente",
      service_name: "Chat Service",
      dependencies: { google_api_key: "missing", audio_transcription: "not_available" },
    });
    const all = await (await health(request("/health"), ctx({}))).json();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(envelope));
    expect(all).toMatchObject({ status: "success", estado: "ok", service_name: "Agente Vendedor API Enterprise" });
    const i = await (await info(request("/info"), ctx({}))).json();
    expect(Object.keys(i)).toEqual(expect.arrayContaining(["name", "version", "description", "features", "endpoints"]));
    expect(i.endpoints).toMatchObject({ ventas: "/venta/", clientes: "/clientes/", productos: "/productos/" });
    // GET / with Accept: application/json (server.ts)
    expect(rootServiceInfo()).toMatchObject({ status: "online", health: "/health", docs: "/api/openapi.json" });
    expect(Object.keys(rootServiceInfo())).toEqual(expect.arrayContaining(["service", "version"]));
  });

  it("answers 503 when the database is down", async () => {
    useDatabaseForApp(
      flavour === "postgres" ? "postgresql://nobody@127.0.0.1:1/none" : `file:${path.join(dir, "missing", "x.db")}`,
    );
    try {
      const r = await health(request("/health"), ctx({}));
      expect(r.status).toBe(503);
      const down = await r.json();
      expect(down).toMatchObject({ status: "error", estado: "caido", base_de_datos: { estado: "error" } });
      const chat = await chatHealth(request("/chat/health"), ctx({}));
      expect(chat.status).toBe(503);
      expect((await chat.json()).status).toBe("error");
    } finally {
      useDatabaseForApp(t.url);
      resetEnvCache();
    }
  });
});
