import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProductImport, parseProductImportAsync } from "@/lib/imports/parse";
import { readRecords, readRecordsAsync } from "@/lib/imports/records";

// The async parse (what the upload routes use) must read every file exactly as the whole-text parse does,
// wherever its slices are cut: quoted cells spanning lines, quotes inside unquoted cells, blank lines, a file
// ending inside an open quote, rows with errors.
const HEADER = "sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos";
const tricky = [
  HEADER,
  'Q-1,"Casco ""Pro"", blanco",Cabeza,3M,38500,12,unidad,,"Línea uno',
  'línea dos, con coma",casco',
  "",
  'Q-2,Cinta 3" pulgadas,Señales,,1200,5,rollo,,sin comillas de cierre,',
  'Q-3,"Guante',
  "",
  'de vaqueta",Manos,,9000,0,par,,"",guante;vaqueta',
  "Q-4,Bota,Pies,,abc,1,par,,,",
  "Q-1,Repetido,Cabeza,,100,1,,,,",
  'Q-5,Botiquín,"Primeros',
  'auxilios",,45000,3,,,"Sin cierre',
].join("\n");

describe("async product import parse", () => {
  it("cuts slices only where the whole-text parse ends a record, for every slice size", async () => {
    for (const text of [tricky, `${tricky}"\n`, `${tricky.replaceAll("\n", "\r\n")}\n\n`]) {
      const normalised = text.replace(/\r\n?/g, "\n");
      const whole = readRecords(normalised, ",");
      expect(whole.records.length).toBeGreaterThan(5);
      for (let size = 1; size <= normalised.length + 1; size += 3) {
        expect(await readRecordsAsync(normalised, ",", size)).toEqual(whole);
      }
    }
  });

  it("gives the same rows and errors as parseProductImport on real files and bytes", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = [
      readFileSync(path.join(root, "prisma/seed-data/productos.csv")),
      readFileSync(path.join(root, "eval/catalogs/real/productos.csv")),
      new TextEncoder().encode(tricky),
    ];
    for (const bytes of files) {
      const sync = parseProductImport(bytes);
      expect(sync.rows.length + sync.errors.length).toBeGreaterThan(0);
      expect(await parseProductImportAsync(bytes)).toEqual(sync);
    }
  });
});
