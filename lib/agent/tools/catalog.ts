// Catalogue tools: the index's own search and a product's details. Their results are the only source of the
// SKUs later cart calls may name.

import { z } from "zod";
import { findProducts } from "../retrieval/find";
import type { CatalogProduct } from "../types";
import { defineTool } from "./define";
import { mention, refuse, type ToolSession } from "./session";

export function productView(p: CatalogProduct) {
  return { sku: p.sku, name: p.name, price: p.price, stock: p.stock, unit: p.unit, brand: p.brand };
}

const searchInput = z.object({
  query: z.string().trim().min(1).max(200).describe("Lo que busca el cliente, en sus palabras (producto y rasgos)"),
  attributes: z
    .array(z.string().trim().min(1).max(40))
    .max(6)
    .optional()
    .describe('Rasgos que debe cumplir: "amarillo", "talla 42", "10 lb", "N95"'),
  sort: z.enum(["price_asc", "price_desc"]).optional(),
  limit: z.number().int().min(1).max(10).optional(),
});

export function catalogTools(session: ToolSession) {
  return {
    search_catalog: defineTool(
      session,
      "search_catalog",
      "Busca productos en el catálogo. Devuelve SKU, nombre, precio (COP con IVA), stock y unidad.",
      searchInput,
      (input) => {
        const query = [input.query, ...(input.attributes ?? [])].join(" ");
        const listing = findProducts(query, session.catalog, input.limit ?? 5, input.sort ?? null);
        for (const p of listing.products) session.knownSkus.add(p.sku);
        for (const p of listing.resolution.nearest) session.knownSkus.add(p.sku);
        session.search = query;
        session.sort = input.sort ?? null;
        mention(session, listing.products);
        return {
          ok: true,
          products: listing.products.map(productView),
          more: listing.more,
          ...(listing.resolution.nearest.length > 0
            ? { notFound: true, nearest: listing.resolution.nearest.map(productView) }
            : {}),
        };
      },
    ),
    get_product: defineTool(
      session,
      "get_product",
      "Detalles de un producto ya devuelto por search_catalog (descripción, norma, stock).",
      z.object({ sku: z.string().trim().min(1).max(60) }),
      ({ sku }) => {
        const product = session.knownSkus.has(sku) ? session.catalog.bySku(sku) : undefined;
        if (!product?.active)
          return refuse(
            session,
            "get_product",
            "sku_desconocido",
            "Ese SKU no salió de una búsqueda; usa search_catalog.",
          );
        mention(session, [product]);
        return {
          ok: true,
          product: { ...productView(product), description: product.description, standard: product.standard },
        };
      },
    ),
  };
}
