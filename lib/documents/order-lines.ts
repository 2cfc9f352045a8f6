import type { QuoteSource } from "@/lib/db/quotes";
import type { BusinessDocument } from "./model";

// What the quote and the remisión print alike: the customer's document and the order's lines, with SKUs the shop
// never chose left out.

export function customerDocument(source: QuoteSource): string | null {
  const { documentType, document } = source.customer;
  return document ? `${documentType ?? "CC"} ${document}` : null;
}

export function documentLines(source: QuoteSource): BusinessDocument["lines"] {
  return source.lines.map((l) => ({
    code: l.skuInternal ? null : l.sku,
    description: l.name,
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: l.unitPrice,
    subtotal: l.subtotal,
  }));
}
