// Totals of console lists (row counts, per-state sums) at a million rows cost a scan each; staff need them at a
// glance, not to the second. Cached per filter: a fresh value is served as is, a stale one is served while one
// recount runs in the background (stale-while-revalidate), so only the very first view of a filter waits.
const FRESH_MS = 15_000;
const MAX_ENTRIES = 500;

type Entry<T> = { value?: T; at: number; pending?: Promise<T> };
const globalCache = globalThis as unknown as { __sextinvalleListTotals?: Map<string, Entry<unknown>> };
const cache = (): Map<string, Entry<unknown>> => {
  globalCache.__sextinvalleListTotals ??= new Map();
  return globalCache.__sextinvalleListTotals;
};

export async function cachedTotals<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const entries = cache();
  let entry = entries.get(key) as Entry<T> | undefined;
  if (!entry) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    entry = { at: 0 };
    entries.set(key, entry);
  }
  const e = entry;
  const recount = () => {
    e.pending ??= compute()
      .then((value) => {
        e.value = value;
        e.at = Date.now();
        return value;
      })
      .finally(() => {
        e.pending = undefined;
      });
    return e.pending;
  };
  if (e.value === undefined) return recount();
  if (now - e.at > FRESH_MS) recount().catch(() => undefined);
  return e.value;
}

/** A write this process made changes the totals (an order saved from the console): recount on next view. */
export function forgetTotals(prefix = ""): void {
  for (const key of [...cache().keys()]) if (key.startsWith(prefix)) cache().delete(key);
}
