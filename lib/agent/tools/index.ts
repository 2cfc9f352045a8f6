import { cartTools } from "./cart";
import { catalogTools } from "./catalog";
import { checkoutTools } from "./checkout";
import { companyTools, staffTools } from "./company";
import type { ToolSession } from "./session";

export { createToolSession, type ToolSession, type ToolSessionInput } from "./session";

/** The tools a hosted model is offered this turn; `lookup_client` only when the caller is staff. */
export function agentTools(session: ToolSession) {
  return {
    ...catalogTools(session),
    ...cartTools(session),
    ...checkoutTools(session),
    ...companyTools(session),
    ...(session.isStaff && session.lookupClient ? staffTools(session) : {}),
  };
}

/** Progress shown to the customer while a tool runs (the web chat's "buscando en el catálogo…"). */
export const TOOL_PROGRESS: Record<string, string> = {
  search_catalog: "Buscando en el catálogo…",
  get_product: "Consultando el producto…",
  add_item: "Actualizando tu carrito…",
  set_quantity: "Actualizando tu carrito…",
  remove_item: "Actualizando tu carrito…",
  replace_item: "Actualizando tu carrito…",
  set_customer_data: "Revisando tus datos…",
  finish_cart: "Preparando tu pedido…",
  request_confirmation: "Preparando el resumen del pedido…",
  confirm_order: "Confirmando tu pedido…",
  cancel_order: "Cancelando el pedido…",
  company_info: "Consultando la información de la empresa…",
  hand_over_to_human: "Avisando a un asesor…",
  lookup_client: "Consultando el cliente…",
};
