import Papa from "papaparse";
import { z } from "zod";

// The catalogue file format (prisma/seed-data/productos.csv): sku,nombre,categoria,marca,precio,stock,
// unidad,norma,descripcion,sinonimos. Shared by the seed and the console import.
export const catalogRowSchema = z.object({
  sku: z.string().trim().min(1, "El SKU es obligatorio.").max(40),
  nombre: z.string().trim().min(2, "El nombre es obligatorio.").max(200),
  categoria: z.string().trim().min(1, "La categoría es obligatoria.").max(100),
  marca: z.string().trim().max(100).default(""),
  precio: z.coerce.number().int("El precio debe ser un entero en pesos.").min(0, "El precio no puede ser negativo."),
  stock: z.coerce.number().int("El stock debe ser un entero.").min(0, "El stock no puede ser negativo."),
  unidad: z.string().trim().max(30).default("unidad"),
  norma: z.string().trim().max(100).default(""),
  descripcion: z.string().trim().max(2000).default(""),
  sinonimos: z.string().trim().max(1000).default(""),
});

export type CatalogRow = z.infer<typeof catalogRowSchema>;

export type ProductInput = {
  sku: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  stock: number;
  unit: string;
  standard: string | null;
  description: string;
  synonyms: string;
};

export function rowToProductInput(row: CatalogRow): ProductInput {
  return {
    sku: row.sku,
    name: row.nombre,
    category: row.categoria,
    brand: row.marca,
    price: row.precio,
    stock: row.stock,
    unit: row.unidad || "unidad",
    standard: row.norma || null,
    description: row.descripcion,
    synonyms: row.sinonimos
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)
      .join(";"),
  };
}

/** Parses a trusted catalogue file (the seed); throws on the first invalid row. */
export function parseCatalogCsv(text: string): ProductInput[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
  });
  if (parsed.errors.length > 0) throw new Error(`catalog CSV: ${parsed.errors[0]?.message}`);
  return parsed.data.map((raw, index) => {
    const row = catalogRowSchema.safeParse(raw);
    if (!row.success) throw new Error(`catalog CSV line ${index + 2}: ${row.error.issues[0]?.message}`);
    return rowToProductInput(row.data);
  });
}
