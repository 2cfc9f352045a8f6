// 2–4 short suggested replies, chosen from the facts (deterministic).

import type { AnswerFacts } from "./facts";

export function suggestionsFor(facts: AnswerFacts): string[] {
  const sale = facts.sale;
  const pending = sale?.pending;
  if (pending?.kind === "stock_offer") return ["Sí, sepáralas", "No, gracias", "Ver otras opciones"];
  if (pending?.kind === "choose_product" && pending.options.length > 1) {
    return ["El primero", "El segundo", "Ver precios"].slice(0, Math.min(3, pending.options.length + 1));
  }
  if (facts.kind === "sale" && sale) {
    switch (sale.state) {
      case "listo_para_finalizar":
        return ["Sí, confirmo", "Todavía no", "Quitar un producto"];
      case "recolectando_datos":
        return ["Te envío mis datos", "¿Qué datos necesitan?", "Agregar otro producto"];
      case "pendiente":
        return ["Eso es todo", "Agregar otro producto", "Ver el carrito"];
      case "cerrada":
        return ["Hacer otro pedido", "¿Cuándo llega?", "Formas de pago"];
      case "cancelada":
        return ["Ver productos", "Hablar con un asesor"];
      default:
        return ["¿Qué venden?", "Ver mi pedido", "Hablar con un asesor"];
    }
  }
  if (facts.kind === "products") {
    const first = facts.products[0];
    return first
      ? [`Quiero 1 ${first.showSku ? first.sku : first.name}`, "¿Tienen otras opciones?", "Formas de pago"]
      : ["¿Qué venden?", "Hablar con un asesor"];
  }
  if (facts.kind === "company") return ["Ver productos", "Horario de atención", "Formas de pago"];
  if (facts.kind === "client_refused") return ["Ver productos", "Información de la empresa"];
  if (facts.kind === "catalogue" || facts.kind === "no_results")
    return facts.families.slice(0, 3).map((f) => `Ver ${f.name.toLowerCase()}`);
  if (facts.kind === "handover") return ["Mientras tanto, ver productos", "¿Dónde están ubicados?"];
  return ["¿Qué venden?", "¿Dónde están ubicados?", "Quiero hacer un pedido"];
}
