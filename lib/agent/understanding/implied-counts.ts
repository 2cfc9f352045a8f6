// Counts a message implies without a number: "me llevo la careta" is one; "agréguele otro detector" is one more.

import type { SaleSnapshot } from "@/lib/sales/types";
import { analyze, foldText } from "../analysis/normalize";
import type { SaleEventsInput } from "./sale-events";

const ONE_MORE = /\b(?:otro|otra)\s+([a-z]{3,})/g;
// The article opens what is asked for, not a complement ("pa el taller nuevo", "con la correa").
const SINGULAR_ARTICLE =
  /(?:^|\s)(?<!\b(?:pa|para|pal|de|del|en|con|por|a|sin)\s)(?:el|la)\s+(?!(?:de|del|que|q|mismo|misma)\b)[a-z]+(?<!s)\b/;

/** "me llevo la careta": one product asked for with a singular article, not in the cart yet, is one of it. */
export function countSingular(input: SaleEventsInput, sale: SaleSnapshot | null): void {
  if (input.text.includes("?")) return;
  // "agréguele otro detector": one more of what «otro» names.
  const another = new Set([...foldText(input.text).matchAll(ONE_MORE)].flatMap((m) => analyze(m[1] as string)));
  for (const mention of input.cart.mentions) {
    const sku = mention.resolved?.sku;
    if (mention.quantity !== null) continue;
    if ((sku || mention.ambiguous) && analyze(mention.phrase).some((t) => another.has(t))) mention.quantity = 1;
    else if (sku && !sale?.lines.some((l) => l.sku === sku) && SINGULAR_ARTICLE.test(foldText(mention.phrase)))
      mention.quantity = 1;
  }
}
