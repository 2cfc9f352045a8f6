// URL building shared by the server pages and the data table (no zod here: this ships to the browser).
export type ListParams = Record<string, string | undefined>;

/** `basePath?k=v…` from the list's current parameters with some changed (`undefined` removes a key). */
export function listHref(basePath: string, params: ListParams, changes: ListParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${basePath}?${text}` : basePath;
}
