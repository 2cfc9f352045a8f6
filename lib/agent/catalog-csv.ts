// Parses the reference catalog CSV (prisma/seed-data/productos.csv) into CatalogProduct records.

import Papa from "papaparse";
import type { CatalogProduct } from "./types";

type CsvRow = Record<string, string | undefined>;

export function parseCatalogCsv(csv: string): CatalogProduct[] {
  const parsed = Papa.parse<CsvRow>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  return parsed.data.map((row) => {
    const sku = (row.sku ?? "").trim();
    return {
      id: sku,
      sku,
      name: (row.nombre ?? "").trim(),
      description: (row.descripcion ?? "").trim(),
      category: (row.categoria ?? "").trim(),
      brand: (row.marca ?? "").trim(),
      price: Number.parseInt(row.precio ?? "0", 10),
      stock: Number.parseInt(row.stock ?? "0", 10),
      unit: (row.unidad ?? "unidad").trim(),
      standard: row.norma?.trim() ? row.norma.trim() : null,
      synonyms: (row.sinonimos ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean),
      active: true,
    };
  });
}
