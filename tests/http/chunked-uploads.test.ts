import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postWebChat } from "@/app/api/chat/route";
import { POST as postImportProducts } from "@/app/api/console/imports/products/route";
import { POST as postAudio } from "@/app/chat/audio/route";
import { POST as postImage } from "@/app/chat/imagen/route";
import { POST as postReplaceCsv } from "@/app/productos/reemplazar_csv/route";
import { createApiKeyFor, freshIp, rowCounts } from "@/tests/chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";

// Uploads without Content-Length (chunked): the size limit must hold while the body streams in, not after
// it has been buffered whole. The source counts what was pulled from it to prove the read stopped early.
const ctx = { params: Promise.resolve({}) };
const MB = 1024 * 1024;
const BOUNDARY = "----sextinvalle-prueba";

/** A body that produces `head`, then zero-filled 1 MB chunks up to `totalBytes`, then `tail`. */
function countingBody(head: Uint8Array, totalBytes: number, tail = new Uint8Array(0)) {
  const state = { pulled: 0 };
  let sentHead = false;
  let sentTail = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk: Uint8Array;
      if (!sentHead) {
        sentHead = true;
        chunk = head;
      } else if (state.pulled < totalBytes) {
        chunk = new Uint8Array(Math.min(MB, totalBytes - state.pulled));
      } else if (!sentTail) {
        sentTail = true;
        chunk = tail;
      } else return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

function multipartHead(field: string, type: string, prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  const text = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="archivo"\r\nContent-Type: ${type}\r\n\r\n`;
  const head = new TextEncoder().encode(text);
  const out = new Uint8Array(head.byteLength + prefix.byteLength);
  out.set(head);
  out.set(prefix, head.byteLength);
  return out;
}

const multipartTail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);

function chunkedRequest(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { "x-sextinvalle-client-ip": freshIp(), ...headers },
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
  expect(req.headers.get("content-length")).toBeNull();
  return req;
}

describe.each(FLAVOURS)("chunked uploads on %s", (flavour) => {
  let t: TestDatabase;
  let adminKey: string;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    adminKey = await createApiKeyFor(t.db, "admin");
  });
  afterAll(async () => t.drop());

  it.each([
    ["image", postImage, "/chat/imagen", "imagen", "image/png", 10, /imagen no puede superar 10 MB/],
    ["audio", postAudio, "/chat/audio", "audio", "audio/mpeg", 25, /audio no puede superar 25 MB/],
  ] as const)(
    "a chunked %s over the limit is a 413 read no further than the limit",
    async (_k, post, path, field, type, limitMb, message) => {
      const before = await rowCounts(t.db);
      const { stream, state } = countingBody(multipartHead(field, type), 200 * MB, multipartTail);
      const res = await post(
        chunkedRequest(path, stream, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` }),
        ctx,
      );
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({
        error: { code: "payload_too_large", message: expect.stringMatching(message) },
      });
      expect(state.pulled).toBeLessThan((limitMb + 3) * MB); // of 200 MB offered (a chunk or two read ahead)
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it("a chunked image within the limit is read whole and reaches the model check", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { stream } = countingBody(multipartHead("imagen", "image/png", png), 3 * MB, multipartTail);
    const res = await postImage(
      chunkedRequest("/chat/imagen", stream, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` }),
      ctx,
    );
    // the file parsed and passed type and signature checks; only the missing multimodal model stops it
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "modelo_no_disponible" } });
  });

  it("a chunked CSV import over 25 MB is a 413 and changes nothing", async () => {
    const products = await t.db.product.findMany({
      select: { id: true, stock: true, price: true },
      orderBy: { id: "asc" },
    });
    const audits = await t.db.auditLog.count();
    const header = new TextEncoder().encode("sku,nombre,categoria,precio,stock\n");
    const { stream, state } = countingBody(header, 300 * MB);
    const res = await postImportProducts(
      chunkedRequest("/api/console/imports/products?mode=upsert", stream, {
        "content-type": "text/csv",
        authorization: `Bearer ${adminKey}`,
      }),
      ctx,
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: "payload_too_large", message: "El archivo supera 25 MB." },
    });
    expect(state.pulled).toBeLessThan(27 * MB);
    expect(
      await t.db.product.findMany({ select: { id: true, stock: true, price: true }, orderBy: { id: "asc" } }),
    ).toEqual(products);
    expect(await t.db.auditLog.count()).toBe(audits);
  });

  it("a chunked CSV to the legacy POST /productos/reemplazar_csv over 20 MB is a 413 and changes nothing", async () => {
    const products = await t.db.product.findMany({
      select: { id: true, stock: true, active: true },
      orderBy: { id: "asc" },
    });
    const header = new TextEncoder().encode("nombre,descripcion,precio,stock\n");
    const { stream, state } = countingBody(header, 300 * MB);
    const res = await postReplaceCsv(
      chunkedRequest("/productos/reemplazar_csv", stream, {
        "content-type": "text/csv",
        authorization: `Bearer ${adminKey}`,
      }),
      ctx,
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: "payload_too_large", message: "El archivo supera 20 MB." },
    });
    expect(state.pulled).toBeLessThan(22 * MB);
    expect(
      await t.db.product.findMany({ select: { id: true, stock: true, active: true }, orderBy: { id: "asc" } }),
    ).toEqual(products);
  });

  it("a chunked JSON body over the limit is a 413 before it is buffered whole", async () => {
    const before = await rowCounts(t.db);
    const head = new TextEncoder().encode('{"chatId":"chunked-json","mensaje":"');
    const { stream, state } = countingBody(head, 50 * MB);
    const res = await postWebChat(chunkedRequest("/api/chat", stream, { "content-type": "application/json" }), ctx);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: "payload_too_large", message: "El cuerpo de la solicitud es demasiado grande." },
    });
    expect(state.pulled).toBeLessThan(3 * MB);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("a chunked CSV within the limit is read whole", async () => {
    const csv = new TextEncoder().encode("sku,nombre,categoria,precio,stock\nCHK-1,Casco de prueba,Cascos,38500,4\n");
    const res = await postImportProducts(
      chunkedRequest("/api/console/imports/products?mode=preview", countingBody(csv, 0).stream, {
        "content-type": "text/csv",
        authorization: `Bearer ${adminKey}`,
      }),
      ctx,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ validRows: 1, plan: { create: 1 } });
  });
});
