// A synthetic catalogue of any size, derived from the demo catalogue: same kinds, attributes and vocabulary,
// with colours, sizes, brands and model numbers varied so products are distinct. Deterministic.

import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogProductsFromCsv } from "@/lib/agent/retrieval/catalog-csv";
import type { CatalogProduct } from "@/lib/agent/types";

const COLORS = ["blanco", "amarillo", "naranja", "rojo", "azul", "verde", "negro", "gris"];
const BRANDS = [
  "Steelpro",
  "3M",
  "MSA",
  "Arseg",
  "Libus",
  "Ansell",
  "Kidde",
  "Amerex",
  "Croydon",
  "Robusta",
  "Honeywell",
  "Delta Plus",
];
const SIZES = ["talla 38", "talla 39", "talla 40", "talla 41", "talla 42", "talla S", "talla M", "talla L", "talla XL"];

/** Deterministic pseudo-random generator so runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function synthesize(base: CatalogProduct[], count: number): CatalogProduct[] {
  const random = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const p = base[i % base.length] as CatalogProduct;
    const model = `M${Math.floor(random() * 5000)}`;
    const variant =
      `${pick(COLORS)} ${p.category.startsWith("Calzado") || p.category.startsWith("Ropa") ? pick(SIZES) : ""}`.trim();
    return {
      ...p,
      id: `syn-${i}`,
      sku: `${p.sku.slice(0, 3)}-${String(i).padStart(6, "0")}`,
      name: `${p.name} ${variant} ${model}`,
      brand: random() < 0.5 ? p.brand : pick(BRANDS),
      price: Math.round(p.price * (0.8 + random() * 0.4)),
      stock: Math.floor(random() * 500),
      active: random() > 0.02,
    };
  });
}

export function demoProducts(): CatalogProduct[] {
  return catalogProductsFromCsv(
    readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed-data/productos.csv"), "utf8"),
  );
}
