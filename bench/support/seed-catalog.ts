import type { BenchDb } from "./metrics-db";
import { demoProducts, synthesize } from "./synthetic-catalog";

// Adds synthetic products (the demo catalogue's kinds and vocabulary, varied) until the catalogue holds `count`.
export async function seedCatalog(b: BenchDb, count: number): Promise<void> {
  const existing = await b.db.product.count();
  const products = synthesize(demoProducts(), Math.max(0, count - existing));
  for (let i = 0; i < products.length; i += 5_000) {
    await b.db.product.createMany({
      data: products.slice(i, i + 5_000).map((p) => ({
        sku: p.sku,
        name: p.name,
        description: p.description,
        category: p.category,
        brand: p.brand,
        price: p.price,
        stock: p.stock,
        unit: p.unit,
        standard: p.standard,
        synonyms: p.synonyms.join(";"),
        active: p.active,
      })),
    });
  }
  if (b.flavour === "postgres") await b.db.$executeRawUnsafe("ANALYZE");
  else await b.db.$executeRawUnsafe("PRAGMA optimize=0x10002");
}
