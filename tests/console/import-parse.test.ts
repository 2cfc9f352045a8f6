import { describe, expect, it } from "vitest";
import { parsePesos, parseProductImport } from "@/lib/imports/parse";

const CATALOG_HEADER = "sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos";

describe("parseProductImport", () => {
  it("reads our catalogue format with commas and quoted fields", () => {
    const text = `${CATALOG_HEADER}\nCAB-900,Casco prueba,Cabeza,3M,38500,12,unidad,ANSI Z89.1,"Casco, blanco",casco;obra\n`;
    const result = parseProductImport(text);
    expect(result.format).toBe("catalogo");
    expect(result.separator).toBe(",");
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        sku: "CAB-900",
        name: "Casco prueba",
        description: "Casco, blanco",
        category: "Cabeza",
        brand: "3M",
        price: 38500,
        stock: 12,
        unit: "unidad",
        standard: "ANSI Z89.1",
        synonyms: "casco;obra",
        legacyId: null,
        active: null,
      },
    ]);
  });

  it("reads the previous system's own export: id as legacy id, activo, and its flat General as no category", () => {
    const text =
      "id,nombre,descripcion,precio,stock,activo,fecha_actualizacion,categoria\n" +
      "18,Extintor PQS 6kg,Polvo químico,95000,18,1,2025-05-27 22:32:19,General\n" +
      "7,Linterna LED,Recargable,35000,0,0,2025-05-27 12:40:54,Iluminación\n";
    const result = parseProductImport(text);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.legacyId, r.active, r.category])).toEqual([
      [18, true, null],
      [7, false, "Iluminación"],
    ]);
    const bad = parseProductImport("id,nombre,precio,stock,activo\nx,Casco,100,1,quizás\n");
    expect(bad.errors.map((e) => e.field)).toEqual(["id", "activo"]);
  });

  it("reads the previous system's format with ; separator, BOM, CRLF and accented headers", () => {
    const text = "\uFEFFnombre;descripción;precio;stock;categoria\r\nGuante nitrilo;Talla 9, verde;7.800;150;Manos\r\n";
    const result = parseProductImport(text);
    expect(result.format).toBe("legado");
    expect(result.separator).toBe(";");
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      sku: null,
      name: "Guante nitrilo",
      description: "Talla 9, verde",
      price: 7800,
      stock: 150,
      category: "Manos",
    });
  });

  it("reports each bad row with its line number and field, and keeps the good ones apart", () => {
    const text = [
      "nombre,descripcion,precio,stock",
      "Bota,Caña alta,89000,10",
      "",
      "Overol,Talla L,abc,5",
      "X,Corto,1000,-2",
      "Bota,Repetida,1,1",
    ].join("\n");
    const result = parseProductImport(text);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([
      { line: 4, field: "precio", message: expect.stringContaining("Precio inválido") },
      { line: 5, field: "nombre", message: "El nombre es obligatorio." },
      { line: 5, field: "stock", message: "El stock no puede ser negativo." },
      { line: 6, field: "nombre", message: "Producto repetido (ya aparece en la línea 2)." },
    ]);
  });

  it("counts lines correctly after a quoted field spanning two lines", () => {
    const text = `${CATALOG_HEADER}\nA-1,Uno,Cat,,100,1,,,"línea uno\nlínea dos",\nA-2,Dos,Cat,,precio,1,,,,\n`;
    const result = parseProductImport(text);
    expect(result.errors).toEqual([{ line: 4, field: "precio", message: expect.any(String) }]);
  });

  it("rejects a file whose columns it does not know, and one missing required columns", () => {
    expect(parseProductImport("foo,bar\n1,2").errors[0]?.message).toMatch(/No reconocemos las columnas/);
    expect(parseProductImport("sku,nombre,precio\nA,Uno,1").errors[0]?.message).toMatch(/categoria, stock/);
  });

  it("requires SKU and category in the catalogue format", () => {
    const result = parseProductImport(`${CATALOG_HEADER}\n,Sin sku,,,100,1,,,,`);
    expect(result.errors.map((e) => e.field)).toEqual(["sku", "categoria"]);
  });

  it("flags rows with the wrong number of columns", () => {
    const result = parseProductImport("nombre,descripcion,precio,stock\nBota,Alta,100,1,extra");
    expect(result.errors[0]).toMatchObject({ line: 2, field: "_" });
  });
});

describe("parsePesos", () => {
  it.each([
    ["38500", 38500],
    ["38.500", 38500],
    ["$ 38.500", 38500],
    ["1.234.567", 1234567],
    ["38500.00", 38500],
    ["38500,0", 38500],
    ["38.5", null],
    ["-100", null],
    ["", null],
  ])("%s → %s", (text, expected) => {
    expect(parsePesos(text)).toBe(expected);
  });
});
