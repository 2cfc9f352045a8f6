// Real reference catalog and company text for tests (prisma/seed-data copies).

import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogProductsFromCsv } from "../catalog-csv";
import { createCatalogIndex } from "../catalog-index";
import { parseCompanyMarkdown } from "../company";

const seed = path.resolve(import.meta.dirname, "../../../prisma/seed-data");

export const loadProducts = () => catalogProductsFromCsv(readFileSync(path.join(seed, "productos.csv"), "utf8"));
export const loadCatalog = () => createCatalogIndex(loadProducts());
export const loadCompany = () => parseCompanyMarkdown(readFileSync(path.join(seed, "empresa.md"), "utf8"));
