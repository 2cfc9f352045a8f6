import { cop, resultOf, type Script } from "./scripted-model";

export type Product = { sku: string; name: string; price: number };
export const firstProduct = (value: Record<string, unknown> | undefined) =>
  (value?.products as Product[] | undefined)?.[0];

/** A competent model: searches, adds, takes the data, shows the summary, confirms when the customer says so. */
export const purchaseScript: Script = (view) => {
  if (view.tools.length === 0) return { text: "¡Listo! Tu pedido quedó registrado. Gracias por tu compra." };
  const t = view.text.toLowerCase();
  if (t.includes("casco")) {
    const search = resultOf(view, "search_catalog");
    if (!search) return { calls: [{ tool: "search_catalog", input: { query: "casco blanco" } }] };
    const product = firstProduct(search) as Product;
    const added = resultOf(view, "add_item");
    if (!added) return { calls: [{ tool: "add_item", input: { sku: product.sku, quantity: 2 } }] };
    return { text: `Agregué 2 unidades de ${product.name}: ${cop(2 * product.price)}.` };
  }
  if (t.includes("cédula")) {
    if (!view.results.some((r) => r.tool === "set_customer_data"))
      return {
        calls: [
          {
            tool: "set_customer_data",
            input: {
              name: "Juan Pérez",
              documentNumber: "1.234.567.890",
              phone: "+57 310 456 7890",
              address: "Calle 10 # 20-30",
              city: "Cali",
            },
          },
        ],
      };
    const summary = resultOf(view, "request_confirmation");
    if (!summary) return { calls: [{ tool: "request_confirmation", input: {} }] };
    const total = (summary.summary as { total: number }).total;
    return { text: `Este es tu pedido, total ${cop(total)}. ¿Lo confirmas?` };
  }
  if (t.includes("confirmo")) {
    if (!view.results.some((r) => r.tool === "confirm_order")) return { calls: [{ tool: "confirm_order", input: {} }] };
    return { text: "¡Pedido confirmado!" };
  }
  return { text: "¿En qué te ayudo?" };
};

/** Searches for helmets, then does `next` with the first product found; says `reply` once a result came back. */
export function afterSearch(
  next: (p: Product) => { tool: string; input: Record<string, unknown> }[],
  reply: string,
): Script {
  return (view) => {
    const search = resultOf(view, "search_catalog");
    if (!search) return { calls: [{ tool: "search_catalog", input: { query: "casco blanco" } }] };
    const product = firstProduct(search) as Product;
    const calls = next(product);
    const done = view.results.length > calls.length;
    return done ? { text: reply } : { calls: [calls[view.results.length - 1] as (typeof calls)[number]] };
  };
}
