// Cart tools, one per sale-machine event (add, set_quantity, remove, replace). None accepts a price: the line's
// price is the catalogue's. A SKU must have come from this conversation's tool results; stock is the machine's.

import { z } from "zod";
import type { SaleEvent, SaleOutcome } from "@/lib/sales/types";
import { defineTool } from "./define";
import { applyEvent, mention, orderSummary, refuse, type ToolSession } from "./session";

const sku = z.string().trim().min(1).max(60).describe("SKU exacto devuelto por search_catalog");
const quantity = z.number().int().positive().max(100_000);

const MESSAGES: Partial<Record<SaleOutcome["type"], [string, string]>> = {
  product_not_found: ["producto_no_disponible", "Ese producto no está disponible."],
  not_in_cart: ["no_esta_en_el_carrito", "Ese producto no está en el carrito."],
  already_closed: ["pedido_cerrado", "El pedido ya está cerrado."],
};

function runCartEvent(session: ToolSession, tool: string, event: SaleEvent, named: string[]) {
  const unknown = named.find((s) => !session.knownSkus.has(s));
  if (unknown)
    return refuse(session, tool, "sku_desconocido", "Ese SKU no salió de ninguna búsqueda; usa search_catalog.", {
      sku: unknown,
    });
  const { outcomes, refused } = applyEvent(session, event);
  const short = outcomes.find((o) => o.type === "stock_insufficient");
  if (short?.type === "stock_insufficient")
    return refuse(session, tool, "stock_insuficiente", "No hay stock suficiente para esa cantidad.", {
      sku: short.sku,
      requested: short.requested,
      available: short.available,
    });
  const failed = outcomes.map((o) => MESSAGES[o.type]).find((m) => m !== undefined);
  if (refused || failed) {
    const [code, message] = failed ?? ["rechazado", "La operación no se pudo hacer."];
    return refuse(session, tool, code, message);
  }
  mention(
    session,
    named.flatMap((s) => session.catalog.bySku(s) ?? []),
  );
  return { ok: true, cart: orderSummary(session.working) };
}

export function cartTools(session: ToolSession) {
  return {
    add_item: defineTool(
      session,
      "add_item",
      "Agrega unidades de un producto al carrito (el precio lo pone el catálogo).",
      z.object({ sku, quantity }),
      (input) =>
        runCartEvent(session, "add_item", { type: "add", sku: input.sku, quantity: input.quantity }, [input.sku]),
    ),
    set_quantity: defineTool(
      session,
      "set_quantity",
      "Cambia la cantidad de una línea del carrito (0 la quita).",
      z.object({ sku, quantity: z.number().int().nonnegative().max(100_000) }),
      (input) =>
        runCartEvent(session, "set_quantity", { type: "set_quantity", sku: input.sku, quantity: input.quantity }, [
          input.sku,
        ]),
    ),
    remove_item: defineTool(session, "remove_item", "Quita una línea del carrito.", z.object({ sku }), (input) =>
      runCartEvent(session, "remove_item", { type: "remove", sku: input.sku }, [input.sku]),
    ),
    replace_item: defineTool(
      session,
      "replace_item",
      "Cambia una línea por otro producto conservando la cantidad.",
      z.object({ sku, by: sku }),
      (input) =>
        runCartEvent(session, "replace_item", { type: "replace", sku: input.sku, by: input.by }, [input.sku, input.by]),
    ),
  };
}
