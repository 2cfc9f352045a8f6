import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as createExport } from "@/app/api/exports/route";
import { GET as exportar } from "@/app/exportar/[dataset]/route";
import { hashApiKey } from "@/lib/auth/api-keys";
import { closeOrder } from "@/lib/db/orders";
import { resetEnvCache } from "@/lib/env";
import { waitForExport } from "@/lib/exports/jobs";
import { rateLimitStore } from "@/lib/ratelimit";
import { storage } from "@/lib/storage";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, parseCsv, request } from "./helpers";

// The console's sales files read as a person reads them: Spanish headers and state names, the order number the
// console shows, es-CO dates in Colombian time, integer pesos; open carts only when asked. The legacy route keeps
// its codes.
// 03:30 UTC on the 26th is 22:30 of the 25th in Bogotá: a UTC date would show the wrong day
const CREATED = new Date("2026-11-26T03:30:00.000Z");
const OPEN_NUMBER = "CARRITO-ABIERTO-1";

async function text(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

describe.each(FLAVOURS)("human export columns on %s", (flavour) => {
  let t: TestDatabase;
  let dir: string;
  let key: string;
  let closedNumber: string;
  let unitPrice: number;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-human-export-"));
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    resetEnvCache();
    key = await apiKeyFor("gerente");
    const product = await t.db.product.create({
      data: { sku: "HUM-1", name: "Casco dieléctrico", category: "Cascos", price: 38_500, stock: 40 },
    });
    unitPrice = product.price;
    await closeOrder({
      lines: [{ sku: "HUM-1", quantity: 3 }],
      customer: { name: "Ana Gómez", documentType: "CC", documentNumber: "1144000111", city: "Cali" },
      channel: "api",
      actor: { type: "api" },
    });
    const order = await t.db.order.findFirstOrThrow({ where: { lines: { some: { sku: "HUM-1" } } } });
    expect(order.state).toBe("cerrada");
    closedNumber = order.number;
    await t.db.order.update({ where: { id: order.id }, data: { createdAt: CREATED } });
    await t.db.order.create({
      data: {
        number: OPEN_NUMBER,
        state: "pendiente",
        channel: "web",
        total: 38_500,
        lines: {
          create: [{ sku: "HUM-1", name: "Casco dieléctrico", quantity: 1, unitPrice: 38_500, subtotal: 38_500 }],
        },
      },
    });
  });
  // each test makes up to two exports; the limit (5 per 5 minutes) is tested in jobs.test.ts
  const resetLimit = async () => {
    const { id } = await t.db.apiKey.findFirstOrThrow({ where: { hash: hashApiKey(key) } });
    await rateLimitStore().reset(`exports:apikey:${id}`);
  };
  beforeEach(resetLimit);
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function exportFile(body: Record<string, unknown>) {
    const res = await createExport(request("/api/exports", { method: "POST", key, body }), ctx({}));
    expect(res.status).toBe(202);
    const { export: job } = await res.json();
    await waitForExport(job.id);
    const row = await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("ready");
    const object = await storage().get(row.key);
    if (!object) throw new Error("the export is not in storage");
    return { row, body: object.body };
  }

  it("CSV: Spanish headers, order number, state name, es-CO date, integer pesos; no open cart", async () => {
    const { body } = await exportFile({ dataset: "ventas", format: "csv", excel: true });
    const [header = [], ...rows] = parseCsv(await text(body), ";");
    for (const h of [
      "Número de pedido",
      "Estado",
      "Fecha del pedido",
      "Precio unitario (COP)",
      "Total del pedido (COP)",
    ]) {
      expect(header).toContain(h);
    }
    const at = (h: string) => header.indexOf(h);
    const line = rows.find((r) => r[at("Número de pedido")] === closedNumber);
    expect(line?.[at("Estado")]).toBe("Cerrada");
    expect(line?.[at("Fecha del pedido")]).toBe("25/11/2026 22:30");
    expect(line?.[at("Canal")]).toBe("API");
    expect(line?.[at("Precio unitario (COP)")]).toBe(String(unitPrice));
    expect(line?.[at("Subtotal (COP)")]).toBe(String(unitPrice * 3));
    expect(rows.map((r) => r[at("Número de pedido")])).not.toContain(OPEN_NUMBER);
  });

  it("CSV with includeOpen lists the open cart with its Spanish state", async () => {
    const { body } = await exportFile({ dataset: "ventas", format: "csv", includeOpen: true });
    const [header = [], ...rows] = parseCsv(await text(body), ",");
    const open = rows.find((r) => r[header.indexOf("Número de pedido")] === OPEN_NUMBER);
    expect(open?.[header.indexOf("Estado")]).toBe("Pendiente");
    expect(rows.map((r) => r[header.indexOf("Número de pedido")])).toContain(closedNumber);
  });

  it("XLSX: the same words, a real date cell in Colombian time and money as numbers", async () => {
    for (const includeOpen of [false, true]) {
      const { body } = await exportFile({ dataset: "ventas", format: "xlsx", includeOpen });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.read(body);
      const sheet = workbook.getWorksheet("Ventas");
      if (!sheet) throw new Error("no Ventas sheet");
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toContain("Número de pedido");
      const col = (h: string) => header.indexOf(h) + 1;
      const numbers: unknown[] = [];
      let closedRow: ExcelJS.Row | undefined;
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        numbers.push(row.getCell(col("Número de pedido")).value);
        if (row.getCell(col("Número de pedido")).value === closedNumber) closedRow = row;
      });
      expect(closedRow?.getCell(col("Estado")).value).toBe("Cerrada");
      const date = closedRow?.getCell(col("Fecha del pedido"));
      // Excel dates carry no zone: the wall-clock time in Bogotá
      expect(date?.value).toEqual(new Date("2026-11-25T22:30:00.000Z"));
      expect(date?.numFmt).toBe("dd/mm/yyyy hh:mm");
      expect(closedRow?.getCell(col("Precio unitario (COP)")).value).toBe(unitPrice);
      expect(numbers.includes(OPEN_NUMBER)).toBe(includeOpen);
    }
  });

  it("the legacy route keeps the stored codes and sortable dates, and also takes incluir_abiertos", async () => {
    const call = (query: string) =>
      exportar(request(`/exportar/ventas?descargar=true${query}`, { key }), ctx({ dataset: "ventas" }));
    const [header = [], ...rows] = parseCsv(await (await call("")).text(), ",");
    expect(header).toContain("Pedido");
    const line = rows.find((r) => r[header.indexOf("Pedido")] === closedNumber);
    expect(line?.[header.indexOf("Estado")]).toBe("cerrada");
    expect(line?.[header.indexOf("Fecha")]).toBe("2026-11-25 22:30:00");
    expect(rows.map((r) => r[header.indexOf("Pedido")])).not.toContain(OPEN_NUMBER);
    await resetLimit();
    const [h2 = [], ...withOpen] = parseCsv(await (await call("&incluir_abiertos=true")).text(), ",");
    expect(withOpen.find((r) => r[h2.indexOf("Pedido")] === OPEN_NUMBER)?.[h2.indexOf("Estado")]).toBe("pendiente");
  });
});
