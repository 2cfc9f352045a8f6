// A number that names no product ("que sean 8", "otros 2", "mándeme 4"): the line, the shown product or the
// offer it is about.

import type { CartLine, SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import { foldText } from "../analysis/normalize";
import type { CatalogIndex } from "../retrieval/catalog-index";
import { resolvePhrase } from "../retrieval/resolve";
import type { CatalogProduct } from "../types";
import { effectiveQuantity } from "./clause-phrase";
import type { SaleEventsInput } from "./sale-events";

// "uno más", "otros 2", "agrégale 3": a bare number adds to the last line only when the message says so.
export const ADDITIVE = /\b(mas|otr[oa]s?|adicional(es)?|agreg\w*|sum\w*|anad\w*|aument\w*|tambien)\b/;

/** Which shown product "10 pares de esos" means: packaging must fit, then what the question pinpointed. */
function shownTarget(
  shown: readonly CatalogProduct[],
  unit: string | null | undefined,
  pinpointed: CatalogProduct | null,
): { sku: string | null; options: string[] } {
  const fitting = unit && unit !== "unidad" ? shown.filter((p) => p.unit === unit) : [];
  const candidates = fitting.length > 0 ? fitting : shown;
  if (candidates.length === 1) return { sku: (candidates[0] as CatalogProduct).sku, options: [] };
  if (pinpointed && candidates.some((p) => p.sku === pinpointed.sku)) return { sku: pinpointed.sku, options: [] };
  return { sku: null, options: candidates.slice(0, 5).map((p) => p.sku) };
}

/** The line a bare corrected number belongs to: the one holding the old number, else the last one. */
function correctedLine(lines: readonly CartLine[], replacedQuantity: number | null): CartLine | undefined {
  const holding = replacedQuantity === null ? [] : lines.filter((l) => l.quantity === replacedQuantity);
  return holding.length === 1 ? holding[0] : lines[lines.length - 1];
}

// With a correcting verb ("póngale", "que sean"), only a count said as more is added: "2 más", "otros 2".
const MORE_UNITS = /\b\d+ (?:[a-z]+ )?mas\b|\botr[oa]s \d+\b/;
/** "no más" taken out: "4 no más" is only 4. */
const withoutNoMas = (numeric: string) => numeric.replace(/\bno mas\b|\bnomas\b/g, " ");

// "2 nuevos de los mismos" after a refill: new units of what the service is for, not more of the service.
const NEW_ONES = /\bnuev[oa]s?\b/;

/** The goods a service is for: "Recarga de extintor ABC 10 lb" → the extinguisher named after its "de". */
function goodsOfService(service: CatalogProduct, catalog: CatalogIndex): CatalogProduct | null {
  if (service.unit !== "servicio") return null;
  const object = service.name
    .split(/\s+de\s+/)
    .slice(1)
    .join(" de ");
  if (!object) return null;
  const goods = resolvePhrase(object, catalog)
    .hits.map((h) => h.product)
    .filter((p) => p.unit !== "servicio");
  return goods.length > 0 ? resolvePhrase(object, catalog, { within: goods }).resolved : null;
}

export function bareQuantityEvents(
  input: SaleEventsInput,
  sale: SaleSnapshot | null,
  events: SaleEvent[],
  mentioned: CatalogProduct[],
) {
  const { cart, catalog } = input;
  if (cart.bareQuantity === null) return;
  const quantity = cart.bareQuantity;
  const pending = sale?.pending ?? null;
  const lines = sale?.lines ?? [];
  // "me manda 4 y una recarga por cada uno" after one product was shown: the bare number is of the shown one.
  const [onlyShown] = input.lastShown;
  const besideMentions =
    cart.mentions.length > 0 &&
    input.lastShown.length === 1 &&
    lines.length === 0 &&
    !cart.mentions.some((m) => m.resolved?.sku === onlyShown?.sku);
  const line = correctedLine(lines, input.replacedQuantity);
  // "cámbielo a 5 y agrégueme 2 serruchos": a new count beside products added with their own counts is the line's.
  const besideAdditions =
    cart.kind === "set" &&
    line !== undefined &&
    cart.mentions.every((m) => m.quantity !== null && m.resolved && !lines.some((l) => l.sku === m.resolved?.sku));
  if (cart.mentions.length > 0 && !besideMentions && !besideAdditions) return;
  const pointsAtShown =
    input.lastShown.length > 0 && (cart.reference ? !(cart.kind === "set" && line) : lines.length === 0 && !pending);
  if (pending?.kind === "stock_offer") events.push({ type: "set_quantity", sku: pending.sku, quantity });
  else if (pointsAtShown) {
    const target = shownTarget(input.lastShown, cart.bareUnit, input.pinpointed);
    const shown = target.sku ? catalog.bySku(target.sku) : undefined;
    const product = shown && NEW_ONES.test(foldText(input.text)) ? (goodsOfService(shown, catalog) ?? shown) : shown;
    if (product) {
      mentioned.push(product);
      events.push({
        type: "add",
        sku: product.sku,
        quantity: effectiveQuantity(quantity, cart.bareUnit ?? null, product),
      });
    } else events.push({ type: "choose", options: target.options, quantity });
  } else if (line && (cart.kind === "set" ? MORE_UNITS : ADDITIVE).test(withoutNoMas(input.numeric)))
    // "póngale 2 más": more of the line, whatever verb asks for it; "mejor 4 no más" is just 4.
    events.push({ type: "set_quantity", sku: line.sku, quantity: line.quantity + quantity });
  else if (line && cart.kind === "set") events.push({ type: "set_quantity", sku: line.sku, quantity });
}
