// composeAnswer: AnswerFacts → friendly es-CO text. Deterministic; tone changes wording, never facts.

import type { SaleOutcome } from "@/lib/sales/types";
import type { AnswerFacts, CartLineFact, ProductFact } from "./facts";
import { formatCop, formatQuantity, joinSpanish } from "./format";
import { styleFromInstructions } from "./instruction-style";
import { briefPhrases, type Phrases, phrasesFor } from "./tone";
import type { Tone } from "@/lib/agent/types";

export type ComposeOptions = { tone?: Tone; instructions?: string };

const FIELD_LABELS: Record<string, string> = {
  name: "nombre completo o razón social",
  documentNumber: "cédula o NIT",
  phone: "celular",
  address: "dirección de entrega",
  city: "ciudad",
};

function productLine(p: ProductFact): string {
  const stock = p.stock > 0 ? `${formatQuantity(p.stock, p.unit)} disponibles` : "agotado por ahora";
  return `• ${p.name} (${p.sku}) — ${formatCop(p.price)} por ${p.unit}, ${stock}`;
}

function cartLines(lines: readonly CartLineFact[]): string[] {
  return lines.map(
    (l) =>
      `• ${formatQuantity(l.quantity, l.unit)} de ${l.name} (${l.sku}) × ${formatCop(l.unitPrice)} = ${formatCop(l.subtotal)}`,
  );
}

function cartBlock(facts: AnswerFacts, intro: string): string[] {
  const sale = facts.sale;
  if (!sale || sale.lines.length === 0) return [];
  return [intro, ...cartLines(sale.lines), `Total: ${formatCop(sale.total)} (IVA incluido)`];
}

function missingBlock(facts: AnswerFacts, t: Phrases): string[] {
  const missing = facts.sale?.missingFields ?? [];
  if (missing.length === 0) return [];
  return [t.needData, ...missing.map((m) => `• ${FIELD_LABELS[m.field] ?? m.field}: ${m.why}`)];
}

function customerBlock(facts: AnswerFacts): string[] {
  const c = facts.sale?.customer;
  if (!c?.name) return [];
  const doc = c.documentNumber ? `${c.documentType ?? "CC"} ${c.documentNumber}` : "";
  const where = [c.address, c.city].filter(Boolean).join(", ");
  return [`Datos: ${[c.name, doc, c.phone ? `cel. ${c.phone}` : "", where].filter(Boolean).join(" · ")}`];
}

function outcomeSentences(facts: AnswerFacts, t: Phrases): string[] {
  const out: string[] = [];
  const ref = (sku: string) => facts.productRefs[sku];
  for (const o of facts.outcomes as SaleOutcome[]) {
    switch (o.type) {
      case "stock_insufficient": {
        const p = ref(o.sku);
        const name = p?.name ?? o.sku;
        const unit = p?.unit ?? "unidad";
        out.push(
          o.available > 0
            ? t.stockOffer(
                formatQuantity(o.requested, unit),
                t.stockShort(formatQuantity(o.available, unit), `${name} (${o.sku})`),
              )
            : `Por ahora no tenemos unidades disponibles de ${name} (${o.sku}).`,
        );
        break;
      }
      case "ambiguous":
        out.push(`${t.ambiguousIntro}${o.quantity ? ` para las ${o.quantity} unidades` : ""}:`);
        out.push(
          ...o.options
            .map((s) => ref(s))
            .filter((p): p is ProductFact => !!p)
            .map(productLine),
        );
        out.push(t.askChoice);
        break;
      case "quantity_missing":
        out.push(t.askQuantity(`${ref(o.sku)?.name ?? o.sku} (${o.sku})`));
        break;
      case "product_not_found":
        out.push(t.notFound(o.query));
        break;
      case "line_removed":
        out.push(`Quité ${ref(o.sku)?.name ?? o.sku} del pedido.`);
        break;
      case "not_in_cart":
        out.push(`${ref(o.sku)?.name ?? o.sku} no estaba en tu pedido.`);
        break;
      case "invalid_field":
        out.push(`Revisa tu ${FIELD_LABELS[o.field] ?? o.field}: ${o.reason}.`);
        break;
      case "offer_declined":
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
  const changed = types.has("line_added") || types.has("quantity_set") || types.has("line_removed");
  if (types.has("close_requested")) return [...parts, "Perfecto, estoy registrando tu pedido…"];
  if (sale.state === "listo_para_finalizar") {
    return [...parts, ...cartBlock(facts, t.readyIntro), ...customerBlock(facts), t.confirmQuestion];
  }
  if (sale.state === "recolectando_datos")
    return [...parts, ...cartBlock(facts, changed ? t.added : t.cartIntro), ...missingBlock(facts, t)];
  if (changed || (parts.length === 0 && sale.lines.length > 0))
    return [...parts, ...cartBlock(facts, t.added), t.anythingElse];
  const pending = sale.pending;
  if (pending?.kind === "choose_product" && !types.has("ambiguous") && !types.has("quantity_missing")) {
    const options = pending.options.map((s) => facts.productRefs[s]).filter((p): p is ProductFact => !!p);
    return [...parts, "Antes de seguir, ¿cuál de estas opciones quieres?", ...options.map(productLine)];
  }
  if (parts.length === 0) return ["¡Claro! ¿Qué productos y cuántas unidades necesitas?"];
  return parts;
}

function composeCompany(facts: AnswerFacts): string[] {
  const sections = facts.company.sections;
  if (facts.company.summary) return sections.map((s) => `${s.title}:\n${s.content}`);
  return sections.map((s) => s.content);
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
  switch (facts.kind) {
    case "products":
      parts.push(t.productsIntro(facts.query, facts.products.length), ...facts.products.map(productLine));
      parts.push(t.productsOutro);
      break;
    case "categories":
    case "no_results":
      if (facts.kind === "no_results") parts.push(t.noResults);
      parts.push(t.categoryIntro, ...facts.categories.map((c) => `• ${c.name} (${c.count})`));
      break;
    case "sale":
      parts.push(...composeSale(facts, t));
      break;
    case "company":
      parts.push(...composeCompany(facts));
      break;
    case "client_refused":
      parts.push(t.refusedClient);
      break;
    case "client_lookup":
      parts.push(...composeClient(facts));
      break;
    case "greeting":
      parts.push(facts.thanks ? t.thanks : t.fallback);
      break;
    default:
      parts.push(facts.thanks ? t.thanks : t.fallback);
  }
  const openOrder =
    facts.kind !== "sale" && facts.sale && facts.sale.lines.length > 0 && facts.sale.state !== "cerrada";
  if (openOrder && facts.sale && !style.brief) {
    parts.push(`(Tienes un pedido abierto por ${formatCop(facts.sale.total)}.)`);
  }
  return parts.filter(Boolean).join("\n");
}

function composeClient(facts: AnswerFacts): string[] {
  const result = facts.clientLookupResult;
  const request = facts.clientLookup;
  if (!result) {
    const who = request?.documentNumber ?? request?.name ?? "ese cliente";
    return [`Consultando la información de ${who}…`];
  }
  if (!result.found || !result.client) return ["No encontré un cliente con esos datos."];
  const c = result.client;
  const lines = [`Cliente: ${c.name} (${c.documentType ?? "CC"} ${c.documentNumber})${c.city ? `, ${c.city}` : ""}.`];
  if (result.stats) {
    lines.push(`Ha hecho ${result.stats.orderCount} pedidos por ${formatCop(result.stats.totalSpent)} en total.`);
    const top = result.stats.topProducts?.map((p) => `${p.name} (${p.quantity})`) ?? [];
    if (top.length > 0) lines.push(`Lo que más compra: ${joinSpanish(top)}.`);
  }
  for (const order of result.orders?.slice(0, 5) ?? []) {
    lines.push(`• Pedido ${order.id} del ${order.date}: ${order.itemCount} productos, ${formatCop(order.total)}`);
  }
  return lines;
}
