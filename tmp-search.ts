import { readFileSync } from "node:fs";
import { parseCatalogCsv } from "@/lib/agent/catalog-csv";
import { createCatalogIndex } from "@/lib/agent/catalog-index";

const idx = createCatalogIndex(parseCatalogCsv(readFileSync("prisma/seed-data/productos.csv", "utf8")));
const qs = process.argv.slice(2);
for (const q of qs)
  console.log(
    q,
    "=>",
    idx
      .search(q, { limit: 6 })
      .map((h) => `${h.product.sku}:${h.score.toFixed(1)}/${h.coverage.toFixed(2)}`)
      .join(" "),
  );
