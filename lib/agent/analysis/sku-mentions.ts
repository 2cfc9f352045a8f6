// Customers type catalog codes loosely: "CAB-001", "cab001", "cab 001", "Cab_001". Number handling
// would read "001" as the quantity 1, so a code that exists in the catalog is glued into one token
// ("cab001") before any clause is read; the index recognises that form as the exact SKU.

const LOOSE_SKU = /\b([a-z]{2,4})[\s_-]*(\d{3,4})\b/gi;

/** Rewrites every spelling of an existing SKU as one token; codes not in the catalog stay untouched. */
export function glueSkuMentions(text: string, skuExists: (sku: string) => boolean): string {
  return text.replace(LOOSE_SKU, (whole, letters: string, digits: string) =>
    skuExists(`${letters}-${digits}`.toUpperCase()) ? `${letters}${digits}`.toLowerCase() : whole,
  );
}
