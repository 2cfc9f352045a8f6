// Blocks of an answer that several kinds of answer share: product and option lines, the cart with its total,
// the data still missing, the customer's card and the "not in the catalogue" notice. Each renders facts only.

import { packSize } from "../analysis/pack-size";
import type { AnswerFacts, CartLineFact, ProductFact } from "./facts";
import { formatCop, formatQuantity, unitPlural } from "./format";
import type { Phrases } from "./tone";

export const FIELD_LABELS: Record<string, string> = {
  name: "nombre completo o razón social",
  documentNumber: "cédula o NIT",
  phone: "celular",
  address: "dirección de entrega",
  city: "ciudad",
};

export const label = (p: { name: string; sku: string; showSku: boolean }) =>
  p.showSku ? `${p.name} (${p.sku})` : p.name;

/** Asked in the product's own unit; a pack says how many it holds, so "30" can be turned into boxes. */
export function askQuantityIn(t: Phrases, name: string, product: ProductFact | undefined): string {
  const question = t.askQuantity(name, unitPlural(product?.unit ?? "unidad"));
  const pack = product ? packSize(product) : null;
  return pack && product ? `${question} Cada ${product.unit} trae ${pack} unidades.` : question;
}

export function productLine(p: ProductFact): string {
  const stock = p.stock > 0 ? `${formatQuantity(p.stock, p.unit)} disponibles` : "agotado por ahora";
  return `• ${label(p)} — ${formatCop(p.price)} por ${p.unit}, ${stock}`;
}

/** The products offered for a choice, one line each, as the facts describe them. */
export function optionLines(facts: AnswerFacts, options: readonly string[]): string[] {
  return options
    .map((s) => facts.productRefs[s])
    .filter((p): p is ProductFact => !!p)
    .map(productLine);
}

export function cartLines(lines: readonly CartLineFact[]): string[] {
  return lines.map(
    (l) =>
      `• ${formatQuantity(l.quantity, l.unit)} de ${label(l)} × ${formatCop(l.unitPrice)} = ${formatCop(l.subtotal)}`,
  );
}

export function cartBlock(facts: AnswerFacts, intro: string): string[] {
  const sale = facts.sale;
  if (!sale || sale.lines.length === 0) return [];
  return [intro, ...cartLines(sale.lines), `Total: ${formatCop(sale.total)} (IVA incluido)`];
}

export function missingBlock(facts: AnswerFacts, t: Phrases): string[] {
  const missing = facts.sale?.missingFields ?? [];
  if (missing.length === 0) return [];
  return [t.needData, ...missing.map((m) => `• ${FIELD_LABELS[m.field] ?? m.field}: ${m.why}`)];
}

export function customerBlock(facts: AnswerFacts): string[] {
  const c = facts.sale?.customer;
  if (!c?.name) return [];
  const doc = c.documentNumber ? `${c.documentType ?? "CC"} ${c.documentNumber}` : "";
  const where = [c.address, c.city].filter(Boolean).join(", ");
  return [`A nombre de: ${[c.name, doc, c.phone ? `cel. ${c.phone}` : "", where].filter(Boolean).join(" · ")}`];
}

export function unavailableBlock(facts: AnswerFacts, t: Phrases): string[] {
  const u = facts.unavailable;
  if (!u) return [];
  return [t.unavailable(u.words), ...(u.nearest.length ? [t.nearestIntro, ...u.nearest.map(productLine)] : [])];
}
