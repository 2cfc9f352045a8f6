import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as consoleImport } from "@/app/api/console/imports/products/route";
import { POST as replaceCsv } from "@/app/productos/reemplazar_csv/route";
import { parseProductImport } from "@/lib/imports/parse";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor } from "../exports/helpers";

// Issue 11, finding 7: a CSV saved by Spanish Excel is Windows-1252. Every import path reads UTF-8, UTF-8
// with BOM and Windows-1252/Latin-1 alike, and refuses UTF-16, binary and mixed files with a clear message
// instead of storing "protecci�n" and deactivating every product whose name no longer matches.
const LEGACY = "nombre;descripcion;precio;stock\nGuantes de protección térmica;Para hornos, talla única;45.000;12\n";

/** Windows-1252 bytes of text whose characters are all in Latin-1 (as Spanish product names are). */
function latin1(text: string): Uint8Array<ArrayBuffer> {
  for (const ch of text) if (ch.charCodeAt(0) > 0xff) throw new Error(`not Latin-1: ${ch}`);
  return new Uint8Array(Buffer.from(text, "latin1"));
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

describe("CSV encodings in the shared parser", () => {
  it("reads UTF-8, UTF-8 with BOM and Windows-1252 to the same rows", () => {
    const variants = [
      ["utf-8", utf8(LEGACY)],
      ["utf-8-bom", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(LEGACY)])],
      ["windows-1252", latin1(LEGACY)],
    ] as const;
    for (const [encoding, bytes] of variants) {
      const parsed = parseProductImport(bytes);
      expect(parsed.encoding, encoding).toBe(encoding);
      expect(parsed.errors, encoding).toEqual([]);
      expect(parsed.rows[0]?.name, encoding).toBe("Guantes de protección térmica");
      expect(parsed.rows[0]?.description, encoding).toBe("Para hornos, talla única");
    }
    // Windows-1252 beyond Latin-1: the euro sign and curly quotes of Excel
    const euro = new Uint8Array([
      ...latin1("nombre;descripcion;precio;stock\nCasco "),
      0x93,
      0x80,
      0x94,
      ...latin1(";x;1;1\n"),
    ]);
    expect(parseProductImport(euro).rows[0]?.name).toBe("Casco “€”");
  });

  it("refuses UTF-16, binary and mixed-encoding files with a message saying how to save them", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(LEGACY, "utf16le")]);
    const binary = new Uint8Array([...utf8("nombre;precio;stock\n"), 0, 1, 2, 3]);
    const mixed = new Uint8Array([...utf8("nombre;precio;stock\nProtección;1;1\n"), ...latin1("Protección;2;2\n")]);
    for (const [what, bytes] of [
      ["utf-16", utf16],
      ["binary", binary],
      ["mixed", mixed],
    ] as const) {
      let error: unknown;
      try {
        parseProductImport(bytes);
      } catch (e) {
        error = e;
      }
      expect(error, what).toMatchObject({
        status: 400,
        detailCode: "codificacion_no_soportada",
        message: expect.stringContaining("CSV UTF-8"),
      });
    }
  });
});

describe("CSV encodings on the import routes", () => {
  let t: TestDatabase;
  let key: string;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    key = await apiKeyFor("admin");
  });
  afterAll(async () => t.drop());

  it("replaces the catalogue from a Latin-1 file without mojibake and without deactivating anything", async () => {
    const products = await t.db.product.findMany({ where: { active: true }, orderBy: { id: "asc" } });
    expect(products.some((p) => /[áéíóúñ]/i.test(p.name))).toBe(true);
    const csv = `nombre;descripcion;precio;stock\n${products.map((p) => `${p.name};;${p.price};${p.stock}`).join("\n")}\n`;
    const form = new FormData();
    form.set("file", new Blob([latin1(csv)], { type: "text/csv" }), "catalogo-excel.csv");
    const res = await replaceCsv(
      new NextRequest("http://localhost/productos/reemplazar_csv", {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
        body: form,
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ desactivados: 0, creados: 0 });
    const after = await t.db.product.findMany({ where: { active: true }, orderBy: { id: "asc" } });
    expect(after.map((p) => p.name)).toEqual(products.map((p) => p.name));
    expect(after.some((p) => p.name.includes("\uFFFD"))).toBe(false);
  });

  it("previews a Latin-1 file in the console import and refuses a mixed one, changing nothing", async () => {
    const call = (bytes: Uint8Array) =>
      consoleImport(
        new NextRequest("http://localhost/api/console/imports/products?mode=preview", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
          body: Buffer.from(bytes),
        }),
        { params: Promise.resolve({}) },
      );
    const ok = await call(latin1(LEGACY));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ encoding: "windows-1252", validRows: 1, errors: [] });
    const mixed = await call(new Uint8Array([...utf8(LEGACY), ...latin1("Casco de protección;;1;1\n")]));
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).error.message).toMatch(/mezcla dos codificaciones/);
  });
});
