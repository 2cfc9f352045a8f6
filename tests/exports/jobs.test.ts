import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as download } from "@/app/api/exports/[id]/download/route";
import { GET as getExport } from "@/app/api/exports/[id]/route";
import { POST as createExport, GET as listExports } from "@/app/api/exports/route";
import { GET as serveLocal } from "@/app/files/local/[...key]/route";
import { hashApiKey } from "@/lib/auth/api-keys";
import { resetEnvCache } from "@/lib/env";
import { waitForExport } from "@/lib/exports/jobs";
import { rateLimitStore } from "@/lib/ratelimit";
import { storage } from "@/lib/storage";
import { runStorageCleanup } from "@/lib/storage/cleanup";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, parseCsv, request } from "./helpers";

// Background export jobs through the console API: create, poll, download, expire; permissions and limits.
describe.each(FLAVOURS)("export jobs on %s", (flavour) => {
  let t: TestDatabase;
  let dir: string;
  let gerente: string;
  let ventas: string;
  let admin: string;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-export-jobs-"));
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    resetEnvCache();
    gerente = await apiKeyFor("gerente");
    ventas = await apiKeyFor("ventas");
    admin = await apiKeyFor("admin");
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function create(key: string, body: unknown) {
    return createExport(request("/api/exports", { method: "POST", key, body }), ctx({}));
  }

  it("exports sales in the background and serves the finished file through a signed URL", async () => {
    const response = await create(gerente, { dataset: "ventas", excel: true });
    expect(response.status).toBe(202);
    const { export: job } = await response.json();
    expect(job).toMatchObject({ dataset: "ventas", format: "csv", downloadPath: null });
    await waitForExport(job.id);

    const status = await (
      await getExport(request(`/api/exports/${job.id}`, { key: gerente }), ctx({ id: String(job.id) }))
    ).json();
    const closedLines = await t.db.orderLine.count();
    expect(status.export).toMatchObject({ status: "ready", progress: 100, rowCount: closedLines });
    expect(status.export.size).toBeGreaterThan(0);
    expect(status.export.fileName).toMatch(/^ventas_\d{4}-\d{2}-\d{2}\.csv$/);

    const redirect = await download(request(status.export.downloadPath, { key: gerente }), ctx({ id: String(job.id) }));
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location") ?? "");
    expect(location.pathname).toMatch(/^\/files\/local\/exports\/[0-9a-f]{32}\.csv$/);
    const key = location.pathname.replace("/files/local/", "").split("/");
    const file = await serveLocal(request(location.toString()), ctx({ key }));
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(parseCsv(text, ";")).toHaveLength(closedLines + 1);

    const audit = await t.db.auditLog.findFirst({ where: { action: "export.create", entityId: String(job.id) } });
    expect(audit).not.toBeNull();
    const list = await (await listExports(request("/api/exports", { key: admin }), ctx({}))).json();
    expect(list.exports.map((e: { id: number }) => e.id)).toContain(job.id);
  });

  it("builds the complete report as one XLSX workbook with a summary and a sheet per dataset", async () => {
    const response = await create(admin, { dataset: "reporte", from: "2020-01-01", to: "2030-12-31" });
    const { export: job } = await response.json();
    expect(job.format).toBe("xlsx");
    await waitForExport(job.id);
    const row = await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("ready");
    const object = await storage().get(row.key);
    if (!object) throw new Error("the report is not in storage");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(object.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Resumen",
      "Inventario",
      "Clientes",
      "Ventas",
      "Conversaciones",
    ]);
    const products = await t.db.product.count();
    expect(workbook.getWorksheet("Inventario")?.actualRowCount).toBe(products + 1);
    const revenue = await t.db.order.aggregate({ where: { state: "cerrada" }, _sum: { total: true } });
    const summary = workbook.getWorksheet("Resumen");
    if (!summary) throw new Error("no summary sheet");
    const revenueRow = summary.getColumn(1).values.indexOf("Ingresos (COP)");
    expect(summary.getRow(revenueRow).getCell(2).value).toBe(revenue._sum.total);
  });

  it("checks roles and input", async () => {
    expect((await create(ventas, { dataset: "ventas" })).status).toBe(403);
    expect(
      (await createExport(request("/api/exports", { method: "POST", body: { dataset: "ventas" } }), ctx({}))).status,
    ).toBe(401);
    const bad = await create(admin, { dataset: "usuarios" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.dataset).toBeTruthy();
    const state = await create(admin, { dataset: "inventario", state: "cerrada" });
    expect(state.status).toBe(400);
    const dates = await create(admin, { dataset: "ventas", from: "2026-12-01", to: "2026-11-01" });
    expect(dates.status).toBe(400);
    const extra = await create(admin, { dataset: "ventas", sql: "drop" });
    expect(extra.status).toBe(400);
  });

  it("limits each user to 5 exports per 5 minutes", async () => {
    const key = await apiKeyFor("gerente");
    // both flavours' databases hand out the same key ids; the limiter lives in this process
    const { id } = await t.db.apiKey.findFirstOrThrow({ where: { hash: hashApiKey(key) } });
    await rateLimitStore().reset(`exports:apikey:${id}`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await create(key, { dataset: "inventario" })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    const limited = await create(key, { dataset: "inventario" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    const rows = await t.db.exportFile.findMany({ select: { id: true } });
    for (const r of rows) await waitForExport(r.id);
  });

  it("expires files: clean-up deletes them from storage and the download link stops", async () => {
    const { export: job } = await (await create(admin, { dataset: "clientes" })).json();
    await waitForExport(job.id);
    const row = await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
    expect(await storage().head(row.key)).not.toBeNull();
    await t.db.exportFile.update({ where: { id: job.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await runStorageCleanup(new Date());
    expect(result.rowsExpired).toBeGreaterThanOrEqual(1);
    expect(await storage().head(row.key)).toBeNull();
    expect((await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("expired");
    const gone = await download(
      request(`/api/exports/${job.id}/download`, { key: admin }),
      ctx({ id: String(job.id) }),
    );
    expect(gone.status).toBe(409);
  });
});
