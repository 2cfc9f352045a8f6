import { z } from "zod";
import { pageParam, parseSearchParams, type RawSearchParams, sortParam } from "@/lib/console/search-params";

// The inventory list's state lives in the URL (shareable, back-button friendly). This module turns search
// params into a validated query and back; bad values fall back to defaults instead of erroring.
/** The fallback when no threshold reaches the caller; the server's default is LOW_STOCK_THRESHOLD in lib/env.ts. */
export const LOW_STOCK_THRESHOLD = 10;
export const PAGE_SIZES = [25, 50, 100] as const;
export const SORTABLE = ["sku", "name", "category", "brand", "price", "stock", "updatedAt"] as const;
export type SortField = (typeof SORTABLE)[number];
export type StockLevel = "out" | "low" | "ok";

export type InventoryQuery = {
  q: string;
  category: string | null;
  brand: string | null;
  stock: StockLevel | null;
  active: "true" | "false" | "all";
  sort: SortField;
  desc: boolean;
  page: number;
  size: number;
};

const DEFAULT_SORT = { key: "name", desc: false } as const;

const schema = z.object({
  q: z.string().trim().max(120).catch(""),
  category: z.string().trim().max(100).nullable().default(null).catch(null),
  brand: z.string().trim().max(100).nullable().default(null).catch(null),
  stock: z.enum(["out", "low", "ok"]).nullable().default(null).catch(null),
  active: z.enum(["true", "false", "all"]).catch("true"),
  sort: sortParam(SORTABLE, DEFAULT_SORT),
  page: pageParam,
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
});

export function parseInventoryQuery(params: RawSearchParams): InventoryQuery {
  const { sort, ...rest } = parseSearchParams(schema, params);
  return { ...rest, sort: sort.key, desc: sort.desc };
}

/** Back to URL params, leaving defaults out so links stay short. */
export function inventoryQueryToParams(query: InventoryQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.q) out.q = query.q;
  if (query.category) out.category = query.category;
  if (query.brand) out.brand = query.brand;
  if (query.stock) out.stock = query.stock;
  if (query.active !== "true") out.active = query.active;
  const sort = `${query.desc ? "-" : ""}${query.sort}`;
  if (sort !== "name") out.sort = sort;
  if (query.page !== 1) out.page = String(query.page);
  if (query.size !== 25) out.size = String(query.size);
  return out;
}

export function stockLevel(stock: number, threshold: number = LOW_STOCK_THRESHOLD): StockLevel {
  if (stock <= 0) return "out";
  return stock <= threshold ? "low" : "ok";
}
