import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogCsv } from "@/lib/catalog/catalog-csv";

describe("parseCatalogCsv", () => {
  it("reads the real catalogue: 76 products with integer prices and synonyms", () => {
    const products = parseCatalogCsv(readFileSync("prisma/seed-data/productos.csv", "utf8"));
    expect(products).toHaveLength(76);
    expect(new Set(products.map((p) => p.sku)).size).toBe(76);
    const helmet = products.find((p) => p.sku === "CAB-001");
    expect(helmet).toMatchObject({
      price: 38_500,
      stock: 240,
      unit: "unidad",
      standard: "ANSI Z89.1",
      brand: "Steelpro",
    });
    expect(helmet?.synonyms.split(";")).toContain("casco blanco");
    expect(products.find((p) => p.sku === "CAB-005")?.standard).toBeNull();
  });

  it("accepts a UTF-8 BOM and quoted fields", () => {
    const csv =
      '\uFEFFsku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos\nX-1,"Gafa, clara",Visual,Marca,1000,2,unidad,,"Dice ""hola""",a;b\n';
    expect(parseCatalogCsv(csv)).toEqual([
      {
        sku: "X-1",
        name: "Gafa, clara",
        category: "Visual",
        brand: "Marca",
        price: 1000,
        stock: 2,
        unit: "unidad",
        standard: null,
        description: 'Dice "hola"',
        synonyms: "a;b",
      },
    ]);
  });

  it("names the line of an invalid row", () => {
    const csv =
      "sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos\nX-1,Gafa,Visual,M,10.5,2,unidad,,,\n";
    expect(() => parseCatalogCsv(csv)).toThrow(/line 2/);
  });
});
