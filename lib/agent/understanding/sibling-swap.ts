// "necesito 6 pares de botas de caucho" → "las blancas": the customer swaps the line just added for a
// sibling product (same category and head noun), keeping its quantity.

import type { SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import type { CartExtraction } from "./cart-mentions";
import { analyze } from "@/lib/agent/analysis/normalize";
import type { CatalogProduct } from "@/lib/agent/types";

const ARTICLE_START = /^(mejor |pero )?(el|la|los|las)\b/;
// Only a short afterthought ("las blancas", "mejor el de MSA"), never a fresh product request.
const MAX_PHRASE_WORDS = 5;

const head = (p: CatalogProduct) => analyze(p.name)[0];

/** Events that replace the last cart line with the sibling the customer just named, or null. */
export function variantSwitchEvents(
  cart: CartExtraction,
  sale: SaleSnapshot | null,
  catalog: CatalogIndex,
): SaleEvent[] | null {
  const [mention, ...others] = cart.mentions;
  if (!mention || others.length > 0 || mention.quantity !== null || cart.bareQuantity !== null) return null;
  if (cart.kind !== "add" || sale?.pending || !ARTICLE_START.test(mention.phrase)) return null;
  if (mention.phrase.split(/\s+/).length > MAX_PHRASE_WORDS) return null;
  const lastLine = sale?.lines[sale.lines.length - 1];
  const current = lastLine ? catalog.bySku(lastLine.sku) : undefined;
  if (!lastLine || !current) return null;
  const candidates = mention.resolved ? [mention.resolved] : mention.hits.map((h) => h.product);
  const sibling = candidates.find(
    (p) => p.sku !== current.sku && p.category === current.category && head(p) === head(current),
  );
  if (!sibling || sale?.lines.some((l) => l.sku === sibling.sku)) return null;
  return [
    { type: "remove", sku: current.sku },
    { type: "add", sku: sibling.sku, quantity: lastLine.quantity },
  ];
}
