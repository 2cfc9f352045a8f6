import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/auth/api-keys";
import type { Principal } from "@/lib/auth/principal";
import { resetEnvCache } from "@/lib/env";
import { startExport, waitForExport } from "@/lib/exports/jobs";
import { rateLimitStore } from "@/lib/ratelimit";
import { createS3Storage } from "@/lib/storage/s3";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type S3rver, startS3rver } from "../storage/s3rver";
import { apiKeyFor, parseCsv } from "./helpers";

// A sales export large enough for many keyset batches and a multipart upload (parts of 8 MiB) streams into a real
// S3-compatible server (s3rver) complete and in order; a connection cut in the middle of the upload leaves the job
// failed and no object in the bucket.
const LINES = 60_000;
const LONG_NAME = `Arnés de cuerpo completo, cuatro argollas, ${"reata de poliéster con costuras reforzadas, ".repeat(5)}`;

/** A TCP relay to s3rver that forwards `limit` bytes of requests, then drops every connection and refuses more. */
function cuttingRelay(
  target: { port: number },
  limit: number,
): Promise<{ port: number; cut: () => boolean; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let forwarded = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (chunk: Buffer) => {
      forwarded += chunk.length;
      if (forwarded > limit) {
        server.close();
        for (const s of sockets) s.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as { port: number }).port,
        cut: () => forwarded > limit,
        stop: async () => {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      }),
    ),
  );
}

describe.each(FLAVOURS)("sales export streamed into s3rver on %s", (flavour) => {
  let t: TestDatabase;
  let s3: S3rver;
  let direct: ReturnType<typeof createS3Storage>;
  let principal: Principal;

  function pointStorageAt(endpoint: string) {
    Object.assign(process.env, {
      STORAGE_BACKEND: "minio",
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    });
    resetEnvCache();
  }

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const key = await apiKeyFor("gerente");
    const { id } = await t.db.apiKey.findFirstOrThrow({ where: { hash: hashApiKey(key) } });
    principal = { kind: "apikey", id, role: "gerente", name: "prueba" };
    s3 = await startS3rver();
    direct = createS3Storage({
      backend: "minio",
      bucket: s3.bucket,
      region: "us-east-1",
      endpoint: s3.endpoint,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
    });
    await t.db.orderLine.deleteMany({});
    await t.db.order.deleteMany({});
    const numbers =
      flavour === "sqlite"
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LINES}) SELECT i FROM n`
        : `SELECT i FROM generate_series(1, ${LINES}) AS i`;
    const pad = flavour === "sqlite" ? `printf('%06d', i)` : `lpad(i::text, 6, '0')`;
    const now = flavour === "sqlite" ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')` : "now()";
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "createdAt", "updatedAt", "closedAt")
       SELECT 'S3-' || ${pad}, 'cerrada', 'web', 1000 + i, 'Cliente ' || i, ${now}, ${now}, ${now} FROM (${numbers}) AS s`,
    );
    await t.db.$executeRawUnsafe(
      `INSERT INTO "OrderLine" ("orderId", "sku", "name", "quantity", "unitPrice", "subtotal")
       SELECT "id", 'ARN-' || "id", '${LONG_NAME}', 1, "total", "total" FROM "Order"`,
    );
  }, 120_000);
  afterAll(async () => {
    await t.drop();
    await s3.stop();
  });

  async function run() {
    await rateLimitStore().reset(`exports:apikey:${principal.id}`);
    const job = await startExport(principal, { dataset: "ventas", format: "csv", filters: {} });
    await waitForExport(job.id);
    return t.db.exportFile.findUniqueOrThrow({ where: { id: job.id } });
  }

  it("is complete and in order: header, every line, first and last row", { timeout: 120_000 }, async () => {
    pointStorageAt(s3.endpoint);
    const row = await run();
    expect(row.error).toBeNull();
    expect(row.status).toBe("ready");
    expect(row.rowCount).toBe(LINES);
    const object = await direct.get(row.key);
    if (!object) throw new Error("the export is not in the bucket");
    expect(object.meta.size).toBe(row.size);
    expect(row.size).toBeGreaterThan(2 * 8 * 1_048_576); // three parts at least
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
    const [header = [], ...rows] = parseCsv(Buffer.concat(chunks).toString("utf8"), ",");
    expect(header.slice(0, 3)).toEqual(["Línea", "Número de pedido", "Estado"]);
    expect(rows).toHaveLength(LINES);
    const first = await t.db.orderLine.findFirstOrThrow({ orderBy: { id: "asc" }, include: { order: true } });
    const last = await t.db.orderLine.findFirstOrThrow({ orderBy: { id: "desc" }, include: { order: true } });
    expect(rows[0]?.slice(0, 3)).toEqual([String(first.id), first.order.number, "Cerrada"]);
    expect(rows.at(-1)?.slice(0, 3)).toEqual([String(last.id), last.order.number, "Cerrada"]);
    expect(rows.at(-1)?.[header.indexOf("Producto")]).toBe(LONG_NAME);
    expect(rows.at(-1)?.[header.indexOf("Total del pedido (COP)")]).toBe(String(last.order.total));
    const ids = rows.map((r) => Number(r[0]));
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
  });

  it("a connection cut mid-upload fails the job and leaves no object behind", { timeout: 120_000 }, async () => {
    const relay = await cuttingRelay({ port: Number(new URL(s3.endpoint).port) }, 12 * 1_048_576);
    try {
      pointStorageAt(`http://127.0.0.1:${relay.port}`);
      const row = await run();
      expect(relay.cut()).toBe(true); // the upload was under way (12 MiB sent) when the connection dropped
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/No se pudo generar el archivo/);
      expect(await direct.head(row.key)).toBeNull();
      const keys: string[] = [];
      for await (const meta of direct.list("exports/")) keys.push(meta.key);
      expect(keys).not.toContain(row.key);
    } finally {
      await relay.stop();
      pointStorageAt(s3.endpoint);
    }
  });
});
