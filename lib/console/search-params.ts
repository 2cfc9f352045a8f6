import { z } from "zod";
import type { ListSort } from "@/lib/domain/list-sort";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * One way for every console page to read its URL query: the first value of a repeated key, an empty box as
 * missing, then the page's zod schema (give each field a `.catch(default)` so a bad value falls back instead
 * of failing the page).
 */
export function parseSearchParams<S extends z.ZodType>(schema: S, params: RawSearchParams): z.output<S> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") flat[key] = first;
  }
  return schema.parse(flat);
}

export type { ListSort };

/**
 * `sort` read against a whitelist of keys, so a database query only ever receives a key the list allows;
 * anything else (or nothing) is `fallback`: the list's default sort, or null for an order of its own.
 */
export function sortParam<const K extends string, F extends ListSort<NoInfer<K>> | null>(
  keys: readonly K[],
  fallback: F,
): z.ZodType<ListSort<K> | F> {
  return z
    .string()
    .transform((text, ctx): ListSort<K> => {
      const desc = text.startsWith("-");
      const key = (desc ? text.slice(1) : text) as K;
      if (keys.includes(key)) return { key, desc };
      ctx.addIssue({ code: "custom", message: "orden desconocido" });
      return z.NEVER;
    })
    .nullable()
    .catch(fallback) as z.ZodType<ListSort<K> | F>;
}

/** A 1-based page number, bounded so an OFFSET can never be absurd. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The URL form of a sort, or nothing when it is the list's default (links stay short). */
export function sortToParam<K extends string>(sort: ListSort<K> | null, fallback?: ListSort<K>): string | undefined {
  if (!sort) return undefined;
  if (fallback && sort.key === fallback.key && sort.desc === fallback.desc) return undefined;
  return `${sort.desc ? "-" : ""}${sort.key}`;
}
