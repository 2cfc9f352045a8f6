// Real reference catalog and company text for tests (prisma/seed-data copies).

import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogProductsFromCsv } from "@/lib/agent/retrieval/catalog-csv";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { parseCompanyMarkdown } from "@/lib/agent/retrieval/company";

const seed = path.resolve(import.meta.dirname, "../../../prisma/seed-data");

export const loadProducts = () => catalogProductsFromCsv(readFileSync(path.join(seed, "productos.csv"), "utf8"));
export const loadCatalog = () => createCatalogIndex(loadProducts());
export const loadCompany = () => parseCompanyMarkdown(readFileSync(path.join(seed, "empresa.md"), "utf8"));
