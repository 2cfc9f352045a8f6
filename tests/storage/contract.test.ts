import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as serveLocalFile } from "@/app/files/local/[...key]/route";
import { resetEnvCache } from "@/lib/env";
import { randomKey } from "@/lib/storage/keys";
import { createLocalStorage } from "@/lib/storage/local";
import { createS3Storage } from "@/lib/storage/s3";
import type { Storage } from "@/lib/storage/types";
import { type S3rver, startS3rver } from "./s3rver";

// One contract, two real backends: a local directory and an S3-compatible server (s3rver).
const CSV = "text/csv; charset=utf-8";
const SECRET = "contract-test-signing-secret-0123456789";

type Backend = { name: string; storage: Storage; stop: () => Promise<void> };

async function localBackend(): Promise<Backend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-local-storage-"));
  process.env.STORAGE_LOCAL_DIR = dir;
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_SIGNING_SECRET = SECRET;
  resetEnvCache();
  return {
    name: "local",
    storage: createLocalStorage(dir, SECRET),
    stop: async () => rmSync(dir, { recursive: true }),
  };
}

async function s3Backend(): Promise<Backend> {
  const server: S3rver = await startS3rver();
  const storage = createS3Storage({
    backend: "minio",
    bucket: server.bucket,
    region: "us-east-1",
    endpoint: server.endpoint,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
  return { name: "s3rver", storage, stop: server.stop };
}

/** Downloads a presigned URL: over HTTP for S3, through the app's own route for local files. */
async function download(url: string): Promise<Response> {
  if (url.startsWith("http")) return fetch(url);
  const parsed = new URL(url, "http://localhost");
  const key = parsed.pathname.replace(/^\/files\/local\//, "").split("/");
  // a non-key bearer keeps resolvePrincipal away from the session cookie (no Next request scope in tests)
  const headers = { authorization: "Bearer anonymous" };
  return serveLocalFile(new NextRequest(parsed, { headers }), { params: Promise.resolve({ key }) });
}

describe.each([
  ["local", localBackend],
  ["s3rver", s3Backend],
])("storage contract: %s", (name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => backend?.stop());

  it("puts and gets an object with its metadata", async () => {
    const key = randomKey("exports", "csv");
    const expiresAt = new Date(Date.now() + 3_600_000);
    const meta = await backend.storage.put(key, { data: "a;b\r\n1;2\r\n" }, { contentType: CSV, expiresAt });
    expect(meta).toMatchObject({ key, size: 10, contentType: CSV });
    expect(meta.expiresAt?.toISOString()).toBe(expiresAt.toISOString());
    const got = await backend.storage.get(key);
    expect(got?.meta.size).toBe(10);
    if (!got) throw new Error("object missing");
    expect(await text(got.body)).toBe("a;b\r\n1;2\r\n");
  });

  it("puts from a file on disk (streamed)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-put-"));
    const file = path.join(dir, "big.csv");
    writeFileSync(file, "x,y\r\n".repeat(200_000));
    const key = randomKey("exports", "csv");
    const meta = await backend.storage.put(key, { filePath: file }, { contentType: CSV });
    expect(meta.size).toBe(1_000_000);
    rmSync(dir, { recursive: true });
    const usage = await backend.storage.usage();
    expect(usage.bytes).toBeGreaterThanOrEqual(1_000_000);
  });

  it("puts a produced stream, and a body that fails half way leaves no object", async () => {
    async function* produced(fail: boolean) {
      for (let i = 0; i < 3; i++) yield i % 2 === 0 ? `fila ${i};ñ\r\n` : new TextEncoder().encode(`fila ${i};ñ\r\n`);
      if (fail) throw new Error("la base de datos se cayó");
    }
    const key = randomKey("exports", "csv");
    const meta = await backend.storage.putStream(key, produced(false), { contentType: CSV });
    const expected = "fila 0;ñ\r\nfila 1;ñ\r\nfila 2;ñ\r\n";
    expect(meta.size).toBe(Buffer.byteLength(expected));
    const got = await backend.storage.get(key);
    if (!got) throw new Error("object missing");
    expect(await text(got.body)).toBe(expected);

    const broken = randomKey("exports", "csv");
    await expect(backend.storage.putStream(broken, produced(true), { contentType: CSV })).rejects.toThrow(/se cayó/);
    expect(await backend.storage.head(broken)).toBeNull();
    const keys: string[] = [];
    for await (const m of backend.storage.list("exports/")) keys.push(m.key);
    expect(keys).toContain(key);
    expect(keys).not.toContain(broken);
  });

  it("refuses content types outside the allow-list and keys that escape the root", async () => {
    await expect(
      backend.storage.put(randomKey("exports", "html"), { data: "<script>" }, { contentType: "text/html" }),
    ).rejects.toMatchObject({ code: "unsupported_media_type" });
    for (const key of ["../etc/passwd", "exports/../../x.csv", "/abs.csv", "exports\\x.csv", ".hidden", ""]) {
      await expect(backend.storage.put(key, { data: "x" }, { contentType: CSV })).rejects.toMatchObject({
        code: "invalid_input",
      });
    }
  });

  it("presigns a download URL that serves the file with its name, and stops working once expired", async () => {
    const key = randomKey("exports", "csv");
    await backend.storage.put(key, { data: "nombre,precio\r\nCasco,38500\r\n" }, { contentType: CSV });
    // A few seconds of validity: a loaded CI machine may take more than one to make the first request.
    const url = await backend.storage.presign(key, { expiresInSeconds: 4, downloadName: "ventas_2026-11-25.csv" });
    const ok = await download(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain("ventas_2026-11-25.csv");
    expect(await ok.text()).toBe("nombre,precio\r\nCasco,38500\r\n");
    await new Promise((r) => setTimeout(r, 5_100));
    const late = await download(url);
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  });

  // s3rver does not verify SigV4 signatures (its source says "unimplemented"); AWS and MinIO do.
  it.runIf(name === "local")("rejects a tampered presigned URL", async () => {
    const key = randomKey("exports", "csv");
    await backend.storage.put(key, { data: "secreto" }, { contentType: CSV });
    const url = await backend.storage.presign(key, { expiresInSeconds: 60 });
    const other = randomKey("exports", "csv");
    await backend.storage.put(other, { data: "otro" }, { contentType: CSV });
    const tampered = url.replace(key, other);
    const response = await download(tampered);
    expect(response.status).toBe(403);
  });

  it("deletes, and cleans up only what has expired", async () => {
    const gone = randomKey("exports", "csv");
    await backend.storage.put(gone, { data: "1" }, { contentType: CSV });
    await backend.storage.delete(gone);
    expect(await backend.storage.head(gone)).toBeNull();
    expect(await backend.storage.get(gone)).toBeNull();

    const now = Date.now();
    const expired = randomKey("exports", "csv");
    const fresh = randomKey("exports", "csv");
    const forever = randomKey("exports", "csv");
    await backend.storage.put(expired, { data: "old" }, { contentType: CSV, expiresAt: new Date(now - 1_000) });
    await backend.storage.put(fresh, { data: "new" }, { contentType: CSV, expiresAt: new Date(now + 60_000) });
    await backend.storage.put(forever, { data: "keep" }, { contentType: CSV });
    const deleted = await backend.storage.cleanupExpired(new Date(now));
    expect(deleted).toContain(expired);
    expect(deleted).not.toContain(fresh);
    expect(await backend.storage.head(expired)).toBeNull();
    expect(await backend.storage.head(fresh)).not.toBeNull();
    expect(await backend.storage.head(forever)).not.toBeNull();
    const listed: string[] = [];
    for await (const m of backend.storage.list("exports/")) listed.push(m.key);
    expect(listed).toEqual(expect.arrayContaining([fresh, forever]));
    expect(listed).not.toContain(expired);
  });

  it("passes its health check", async () => {
    await expect(backend.storage.check()).resolves.toBeUndefined();
  });
});
