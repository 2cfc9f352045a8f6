import type { z } from "zod";

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
