import type { CatalogProduct } from "@/lib/agent/types";
import { parseCatalogCsv } from "@/lib/catalog/catalog-csv";

/** The catalogue file as the agent's product records (the seed and the eval read the same file). */
export function catalogProductsFromCsv(csv: string): CatalogProduct[] {
  return parseCatalogCsv(csv).map((p) => ({
    ...p,
    id: p.sku,
    synonyms: p.synonyms.split(";").filter(Boolean),
    active: true,
  }));
}
