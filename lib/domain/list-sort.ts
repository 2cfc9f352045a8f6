/** A list's order as the URL writes it: `sort=total` ascending, `sort=-total` descending (lib/console/search-params). */
export type ListSort<K extends string> = { key: K; desc: boolean };
