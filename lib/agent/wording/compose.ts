// composeAnswer: AnswerFacts → friendly es-CO text. Deterministic; tone changes wording, never facts. Products
// are named by name, with the SKU only where the shop chose it.

import type { SaleOutcome } from "@/lib/sales/types";
import type { Tone } from "../types";
import {
  askQuantityIn,
  cartBlock,
  customerBlock,
  FIELD_LABELS,
  label,
  missingBlock,
  optionLines,
  productLine,
  unavailableBlock,
} from "./blocks";
import type { AnswerFacts } from "./facts";
import { formatCop, formatQuantity, joinSpanish } from "./format";
import { styleFromInstructions } from "./instruction-style";
import { briefPhrases, type Phrases, phrasesFor } from "./tone";

export type ComposeOptions = { tone?: Tone; instructions?: string };

function outcomeSentences(facts: AnswerFacts, t: Phrases): string[] {
  const out: string[] = [];
  const ref = (sku: string) => facts.productRefs[sku];
  const named = (sku: string) => {
    const p = ref(sku);
    return p ? label(p) : "ese producto";
  };
  // The count is said in the options' own unit ("para 2 cajas"), as the customer counted.
  const optionsAsked = (intro: string, quantity: number | null, options: readonly string[], ask: string) => {
    const unit = options.map(ref).find((p) => p)?.unit ?? "unidad";
    return [
      `${intro}${quantity ? ` para ${formatQuantity(quantity, unit)}` : ""}:`,
      ...optionLines(facts, options),
      ask,
    ];
  };
  const outcomes = facts.outcomes as SaleOutcome[];
  // A missing figure with its nearest products is one sentence and one list, not two questions.
  const unavailable = facts.unavailable !== null && outcomes.some((o) => o.type === "product_not_found");
  if (unavailable) out.push(...unavailableBlock(facts, t));
  for (const o of outcomes) {
    switch (o.type) {
      case "stock_insufficient": {
        const unit = ref(o.sku)?.unit ?? "unidad";
        out.push(
          o.available > 0
            ? t.stockOffer(
                formatQuantity(o.requested, unit),
                t.stockShort(formatQuantity(o.available, unit), named(o.sku)),
              )
            : `Por ahora no tenemos unidades disponibles de ${named(o.sku)}.`,
        );
        break;
      }
      case "ambiguous":
        if (unavailable) {
          out.push(t.askChoice);
          break;
        }
        out.push(...optionsAsked(t.ambiguousIntro, o.quantity, o.options, t.askChoice));
        break;
      case "choice_open":
        out.push(...optionsAsked(t.choiceOpenIntro, o.quantity, o.options, t.choiceOrSkip));
        break;
      case "quantity_missing":
        out.push(askQuantityIn(t, named(o.sku), ref(o.sku)));
        break;
      case "product_not_found":
        if (!unavailable) out.push(t.notFound(o.query));
        break;
      case "line_removed":
        out.push(`Quité ${named(o.sku)} del pedido.`);
        break;
      case "line_replaced":
        out.push(t.replaced(named(o.sku), named(o.by)));
        break;
      case "not_in_cart":
        out.push(`${named(o.sku)} no estaba en tu pedido.`);
        break;
      case "invalid_field":
        out.push(`Revisa tu ${FIELD_LABELS[o.field] ?? o.field}: ${o.reason}.`);
        break;
      case "offer_declined":
      case "choice_dropped":
        out.push("Entendido, no lo agrego.");
        break;
      case "empty_cart":
        out.push("Tu pedido todavía no tiene productos. ¿Qué te gustaría llevar?");
        break;
      case "postponed":
        out.push(t.postponed);
        break;
      case "cancelled":
        out.push(t.cancelled);
        break;
      case "reconfirm":
        out.push(t.reconfirm);
        break;
      case "closed":
        out.push(o.orderId ? `${t.closed} Número de pedido: ${o.orderId}.` : t.closed);
        break;
      default:
        break;
    }
  }
  return out;
}

function composeSale(facts: AnswerFacts, t: Phrases): string[] {
  const parts = outcomeSentences(facts, t);
  const types = new Set(facts.outcomes.map((o) => o.type));
  const sale = facts.sale;
  if (sale && types.has("closed")) return [...parts, ...cartBlock(facts, "Resumen:"), ...customerBlock(facts)];
  if (!sale || types.has("cancelled")) return parts;
  const changed = ["line_added", "quantity_set", "line_removed", "line_replaced"].some((k) => types.has(k as never));
  if (types.has("close_requested")) return [...parts, "Perfecto, estoy registrando tu pedido…"];
  // A product question still open (asked earlier, not answered by this message) is asked again.
  const pending = sale.pending;
  const asked = types.has("ambiguous") || types.has("choice_open") || types.has("quantity_missing");
  const openChoice =
    pending?.kind === "choose_product" && !asked ? [t.stillChoosing, ...optionLines(facts, pending.options)] : [];
  // In the checkout, an open product question comes before the summary's confirmation: the order is not the
  // one to confirm until it is answered.
  const shopping = pending?.kind === "choose_product" || pending?.kind === "stock_offer";
  if (sale.state === "listo_para_finalizar" && shopping)
    return [...parts, ...cartBlock(facts, changed ? t.added : t.cartView), ...customerBlock(facts), ...openChoice];
  if (sale.state === "listo_para_finalizar") {
    const intro = types.has("reconfirm") ? "" : t.readyIntro;
    return [...parts, ...cartBlock(facts, intro), ...customerBlock(facts), t.confirmQuestion];
  }
  if (sale.state === "recolectando_datos")
    return [
      ...parts,
      ...cartBlock(facts, changed ? t.added : t.cartIntro),
      ...(openChoice.length ? openChoice : missingBlock(facts, t)),
    ];
  if (facts.showCart && sale.lines.length === 0) return [...parts, t.emptyCartView, ...openChoice];
  if (changed || facts.showCart || (parts.length === 0 && sale.lines.length > 0))
    return [
      ...parts,
      ...cartBlock(facts, changed ? t.added : t.cartView),
      ...(openChoice.length ? openChoice : [t.anythingElse]),
    ];
  if (openChoice.length > 0) return [...parts, ...openChoice];
  // The customer gave their name before any product: thank them by it, then ask what they need.
  const name = types.has("customer_updated") && sale.lines.length === 0 ? sale.customer.name : undefined;
  if (parts.length === 0 && name) return [`Gracias, ${name}. ¿Qué productos y cuántas unidades necesitas?`];
  if (parts.length === 0) return ["¡Claro! ¿Qué productos y cuántas unidades necesitas?"];
  return parts;
}

function composeCompany(facts: AnswerFacts, t: Phrases): string[] {
  const sections = facts.company.sections;
  const body = facts.company.summary
    ? sections.map((s) => `${s.title}:\n${s.content}`)
    : sections.map((s) => s.content);
  return facts.company.missing.length > 0 ? [t.companyMissing, ...body] : body;
}

function familyLines(facts: AnswerFacts): string[] {
  return facts.families.map(
    (f) => `• ${f.name} (${f.count})${f.examples.length ? `: ${joinSpanish(f.examples)}` : ""}`,
  );
}

function composeClient(facts: AnswerFacts): string[] {
  const result = facts.clientLookupResult;
  const request = facts.clientLookup;
  if (!result) return [`Consultando la información de ${request?.documentNumber ?? request?.name ?? "ese cliente"}…`];
  if (!result.found || !result.client) return ["No encontré un cliente con esos datos."];
  const c = result.client;
  const lines = [`Cliente: ${c.name} (${c.documentType ?? "CC"} ${c.documentNumber})${c.city ? `, ${c.city}` : ""}.`];
  if (result.stats) {
    lines.push(`Ha hecho ${result.stats.orderCount} pedidos por ${formatCop(result.stats.totalSpent)} en total.`);
    const top = result.stats.topProducts?.map((p) => `${p.name} (${p.quantity})`) ?? [];
    if (top.length > 0) lines.push(`Lo que más compra: ${joinSpanish(top)}.`);
  }
  for (const order of result.orders?.slice(0, 5) ?? [])
    lines.push(`• Pedido ${order.id} del ${order.date}: ${order.itemCount} productos, ${formatCop(order.total)}`);
  return lines;
}

function body(facts: AnswerFacts, t: Phrases, full: Phrases): string[] {
  switch (facts.kind) {
    case "products":
      return [
        ...unavailableBlock(facts, t).slice(0, 1),
        t.productsIntro(facts.query, facts.products.length),
        ...facts.products.map(productLine),
        ...(facts.moreProducts > 0 ? [t.moreProducts(facts.moreProducts)] : []),
        t.productsOutro,
        ...(facts.company.sections.length > 0 ? composeCompany(facts, t) : []),
      ];
    case "catalogue":
      return [t.catalogueIntro, ...familyLines(facts)];
    case "no_results":
      return [t.noResults, t.catalogueIntro, ...familyLines(facts)];
    case "sale":
      return composeSale(facts, t);
    case "company":
      return [
        ...composeCompany(facts, t),
        ...(facts.products.length > 0
          ? [t.productsIntro(null, facts.products.length), ...facts.products.map(productLine)]
          : []),
      ];
    case "handover":
      return [facts.handover?.reason === "not_understood" ? t.handoverNotUnderstood : t.handoverAsked];
    case "client_refused":
      return [t.refusedClient];
    case "client_lookup":
      return composeClient(facts);
    case "greeting":
      return [facts.later ? t.later : facts.thanks ? t.thanks : full.fallback];
    default:
      return [facts.thanks ? t.thanks : t.notUnderstoodOnce, t.fallback];
  }
}

/** Builds the reply. Same facts + same options → same text. */
export function composeAnswer(facts: AnswerFacts, options: ComposeOptions = {}): string {
  // Instructions may ask for a register ("trátame de usted") or brevity; they never touch facts.
  const style = styleFromInstructions(options.instructions);
  const tone =
    style.register === "formal"
      ? "formal"
      : style.register === "informal" && options.tone === "formal"
        ? "informal"
        : options.tone;
  const full = phrasesFor(tone);
  const t = style.brief ? briefPhrases(full) : full;
  const parts: string[] = [];
  if (facts.greeting) parts.push(facts.kind === "greeting" ? full.hello : t.hello);
  parts.push(...body(facts, t, full));
  if (facts.handover && facts.kind !== "handover")
    parts.push(facts.handover.reason === "not_understood" ? t.handoverNotUnderstood : t.handoverAsked);
  const openOrder =
    facts.kind !== "sale" && facts.sale && facts.sale.lines.length > 0 && facts.sale.state !== "cerrada";
  if (openOrder && facts.sale && !style.brief)
    parts.push(`(Tienes un pedido abierto por ${formatCop(facts.sale.total)}.)`);
  return parts.filter(Boolean).join("\n");
}
