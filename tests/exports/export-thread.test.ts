import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/auth/api-keys";
import type { Principal } from "@/lib/auth/principal";
import { EXPORT_APPLICATION_NAME } from "@/lib/db/export-reader";
import { resetEnvCache } from "@/lib/env";
import { type ExportRequest, exportChunks } from "@/lib/exports/chunks";
import { csvChunks } from "@/lib/exports/csv";
import { DATASETS, datasetBatches } from "@/lib/exports/datasets";
import { exportChunksInWorker } from "@/lib/exports/export-thread";
import { startExport, waitForExport } from "@/lib/exports/jobs";
import { rateLimitStore } from "@/lib/ratelimit";
import { seedSales } from "../../bench/support/seed-sales";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor } from "./helpers";

// An export produced on a worker thread: the same bytes as on the calling thread, a reader that stops pulling
// stops the worker (back-pressure), and a failure inside the worker fails the job with a Spanish message and
// leaves no file (nor a part file) in storage.
const LINES = 60_000;

async function bytesOf(chunks: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c));
  return Buffer.concat(parts);
}

/** Every entry of an XLSX, the second it was written (core properties, summary sheet) left out. */
async function entriesOf(xlsx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(xlsx, { checkCRC32: true });
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    const text = (await zip.file(name)?.async("string")) ?? "";
    out[name] = text
      .replace(/<dcterms:created[^<]*<\/dcterms:created>/, "")
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(hora de Colombia\)/, "");
  }
  return out;
}

describe.each(FLAVOURS)("exports on a worker thread, %s", (flavour) => {
  let t: TestDatabase;
  let dir: string;
  let principal: Principal;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-export-thread-"));
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    resetEnvCache();
    const key = await apiKeyFor("gerente");
    const { id } = await t.db.apiKey.findFirstOrThrow({ where: { hash: hashApiKey(key) } });
    principal = { kind: "apikey", id, role: "gerente", name: "prueba" };
    await seedSales(t, LINES);
  }, 120_000);
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const requests: [string, ExportRequest][] = [
    ["sales CSV for Excel", { dataset: "ventas", format: "csv", filters: {}, csv: { delimiter: ";", bom: true } }],
    [
      "sales CSV, legacy columns",
      { dataset: "ventas", format: "csv", filters: { includeOpen: true }, style: "legacy" },
    ],
    ["the complete report", { dataset: "reporte", format: "xlsx", filters: {} }],
  ];

  it.each(requests)("%s: the same file as on the calling thread", { timeout: 120_000 }, async (_, request) => {
    let rows = 0;
    const inWorker = await bytesOf(
      exportChunksInWorker(request, (n) => {
        rows = n;
      }),
    );
    const inProcess = await bytesOf(exportChunks(request));
    expect(inWorker.length).toBeGreaterThan(1_000_000);
    expect(rows).toBeGreaterThanOrEqual(LINES);
    if (request.format === "csv") expect(inWorker.equals(inProcess)).toBe(true);
    else expect(await entriesOf(inWorker)).toEqual(await entriesOf(inProcess));
  });

  it("writing a batch lets the event loop run between its chunks", async () => {
    // the reply to the batch read ahead (PostgreSQL) and chat turns (an export on the main thread) need it
    let ticks = 0;
    let handle = setImmediate(function tick() {
      ticks++;
      handle = setImmediate(tick);
    });
    const seen: number[] = [];
    try {
      for await (const _ of csvChunks(DATASETS.ventas, {})) {
        seen.push(ticks);
        if (seen.length >= 30) break;
      }
    } finally {
      clearImmediate(handle);
    }
    // 30 chunks of 500 lines span 3 batches of 5 000: the loop ran after (nearly) every chunk, not once a batch
    expect(new Set(seen).size).toBeGreaterThanOrEqual(25);
  });

  it("a worker that cannot start gives the same file from the calling thread", { timeout: 60_000 }, async () => {
    const request: ExportRequest = { dataset: "ventas", format: "csv", filters: {} };
    const entry = new URL("./no-such-export-worker.mjs", import.meta.url);
    let rows = 0;
    const fallback = await bytesOf(
      exportChunksInWorker(
        request,
        (n) => {
          rows = n;
        },
        { entry },
      ),
    );
    expect(fallback.equals(await bytesOf(exportChunks(request)))).toBe(true);
    expect(rows).toBe(await DATASETS.ventas.count({}));
  });

  it("stops producing while the reader does not pull, and finishes when it does", { timeout: 60_000 }, async () => {
    let rows = 0;
    const chunks = exportChunksInWorker(
      { dataset: "ventas", format: "csv", filters: {} },
      (n) => {
        rows = n;
      },
      {
        slabBytes: 64 * 1024,
        maxInFlight: 2,
      },
    );
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // 2 slabs of 64 KB wait here; the worker holds at most the batch it is writing and the one it read ahead
    expect(rows).toBeLessThanOrEqual(10_000);
    let bytes = first.value?.length ?? 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) bytes += next.value.length;
    expect(rows).toBe(await DATASETS.ventas.count({}));
    expect(bytes).toBeGreaterThan(LINES * 100);
  });

  it("a database failure inside the worker fails the job in Spanish and leaves nothing in storage", async () => {
    await rateLimitStore().reset(`exports:apikey:${principal.id}`);
    const job = await startExport(principal, { dataset: "ventas", format: "csv", filters: {} });
    // once the job reports progress, the table it reads goes away (a lost connection alone is not a failure:
    // the reader's pool opens a new one for the next read)
    for (let i = 0; i < 500; i++) {
      const row = await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
      if ((row.rowCount ?? 0) > 0 || row.status === "ready" || row.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await t.db.$executeRawUnsafe(`ALTER TABLE "OrderLine" RENAME TO "OrderLineGone"`);
    try {
      await waitForExport(job.id);
      const row = await t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
      expect(row.status).toBe("failed");
      expect(row.error).toBe("No se pudo generar el archivo. Intenta de nuevo.");
      const exports = path.join(dir, "exports");
      expect(existsSync(exports) ? readdirSync(exports) : []).toEqual([]);
    } finally {
      await t.db.$executeRawUnsafe(`ALTER TABLE "OrderLineGone" RENAME TO "OrderLine"`);
    }
  }, 60_000);

  it.runIf(flavour === "postgres")("an abandoned export closes its database connections", async () => {
    const iterator = exportChunksInWorker({ dataset: "ventas", format: "xlsx", filters: {} })[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.(undefined);
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      // the server notices the closed sockets within moments
      let open = -1;
      for (let i = 0; i < 50 && open !== 0; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        const { rows } = await c.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [EXPORT_APPLICATION_NAME],
        );
        open = rows[0].n;
      }
      expect(open).toBe(0);
    } finally {
      await c.end();
    }
  });

  // last: it deletes lines
  it("id ranges give the same rows as keyset pages, across gaps wider than a batch and with filters", async () => {
    const first = await t.db.orderLine.findFirstOrThrow({ orderBy: { id: "asc" } });
    await t.db.orderLine.deleteMany({ where: { id: { gt: first.id + 3_000, lte: first.id + 9_000 } } });
    for (const filters of [{}, { includeOpen: true }, { state: "pendiente" }]) {
      const ranged: number[] = [];
      for await (const batch of datasetBatches(DATASETS.ventas, filters, 1_000)) {
        expect(batch.length).toBeLessThanOrEqual(1_000);
        for (const row of batch) ranged.push(Number(row[0]));
      }
      const paged: number[] = [];
      for (let after = 0; ; ) {
        const { rows, lastId } = await DATASETS.ventas.batch(filters, after, 5_000);
        for (const row of rows) paged.push(Number(row[0]));
        if (lastId === null || rows.length < 5_000) break;
        after = lastId;
      }
      expect(paged.length).toBeGreaterThan(0);
      expect(ranged).toEqual(paged);
    }
  });
});

describe("the worker's source", () => {
  it("is the project's own TypeScript file, found by path (a bundled copy would be untranspiled)", async () => {
    const { workerSource } = await import("@/lib/exports/export-thread");
    const { existsSync } = await import("node:fs");
    const { fileURLToPath } = await import("node:url");
    const file = fileURLToPath(workerSource());
    expect(file.endsWith("lib/exports/export-worker.ts")).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
