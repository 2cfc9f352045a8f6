// Checkout tools: customer data (validated by lib/sales), finishing the cart, showing the exact order for
// confirmation, confirming it and cancelling. `confirm_order` is honoured only when the order was shown as it
// stands now in the previous answer AND the offline reading of the customer's own message is a confirmation.

import { z } from "zod";
import { orderDigest } from "@/lib/sales/machine";
import type { CustomerData, CustomerField } from "@/lib/sales/types";
import { missingFields, normalizeNit, onlyDigits, validateCustomerField } from "@/lib/sales/validation";
import { defineTool } from "./define";
import { applyEvent, openSale, orderSummary, refuse, summaryWasShown, type ToolSession } from "./session";

const customerInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  documentType: z.enum(["CC", "NIT", "CE", "PASAPORTE"]).optional(),
  documentNumber: z.string().trim().min(1).max(20).optional(),
  phone: z.string().trim().min(1).max(20).optional(),
  address: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(80).optional(),
  email: z.string().trim().min(1).max(120).optional(),
});

/** The forms customers write ("+57 310 456 7890", "900.123.456") in the form the validators check. */
function normalized(input: CustomerData): CustomerData {
  const data: CustomerData = { ...input };
  if (data.phone) data.phone = onlyDigits(data.phone).replace(/^57(?=3\d{9}$)/, "");
  if (data.documentNumber)
    data.documentNumber =
      data.documentType === "NIT"
        ? normalizeNit(data.documentNumber)
        : data.documentType === "PASAPORTE"
          ? data.documentNumber.replace(/\s/g, "").toUpperCase()
          : onlyDigits(data.documentNumber);
  return data;
}

function setCustomerData(session: ToolSession, input: CustomerData) {
  const data = normalized(input);
  const candidate = { ...session.working.customer, ...data };
  const valid: CustomerData = {};
  const invalid: { field: CustomerField; reason: string }[] = [];
  for (const field of Object.keys(data) as CustomerField[]) {
    if (field === "documentType") continue;
    const reason = validateCustomerField(field, candidate);
    if (reason) invalid.push({ field, reason });
    else Object.assign(valid, { [field]: data[field] });
  }
  if (valid.documentNumber) valid.documentType = data.documentType ?? "CC";
  if (Object.keys(valid).length === 0)
    return refuse(session, "set_customer_data", "datos_invalidos", "Ningún dato es válido.", { invalid });
  applyEvent(session, { type: "customer_data", data: valid });
  return {
    ok: invalid.length === 0,
    accepted: Object.keys(valid),
    invalid,
    missing: missingFields(session.working.customer),
    state: session.working.state,
  };
}

export function checkoutTools(session: ToolSession) {
  return {
    set_customer_data: defineTool(
      session,
      "set_customer_data",
      "Guarda datos del cliente para la factura y el envío (se validan cédula, NIT con dígito de verificación y celular).",
      customerInput,
      (input) => setCustomerData(session, input),
    ),
    finish_cart: defineTool(
      session,
      "finish_cart",
      "El cliente terminó de elegir productos: pasa a pedir sus datos.",
      z.object({}),
      () => {
        if (!openSale(session)) return refuse(session, "finish_cart", "carrito_vacio", "El carrito está vacío.");
        applyEvent(session, { type: "finish_cart" });
        return { ok: true, state: session.working.state, missing: missingFields(session.working.customer) };
      },
    ),
    request_confirmation: defineTool(
      session,
      "request_confirmation",
      "Muestra el resumen exacto del pedido (con los datos completos) y pide al cliente que lo confirme.",
      z.object({}),
      () => {
        if (!openSale(session))
          return refuse(session, "request_confirmation", "carrito_vacio", "El carrito está vacío.");
        const missing = missingFields(session.working.customer);
        if (missing.length > 0)
          return refuse(session, "request_confirmation", "faltan_datos", "Faltan datos del cliente.", { missing });
        applyEvent(session, { type: "finish_cart" });
        return { ok: true, summary: orderSummary(session.working) };
      },
    ),
    confirm_order: defineTool(
      session,
      "confirm_order",
      "Cierra el pedido. Solo después de mostrar el resumen y de que el cliente lo confirme explícitamente.",
      z.object({}),
      () => {
        if (session.working.state !== "listo_para_finalizar")
          return refuse(session, "confirm_order", "pedido_no_listo", "El pedido aún no está listo para confirmar.", {
            state: session.working.state,
            missing: missingFields(session.working.customer),
          });
        if (!summaryWasShown(session))
          return refuse(
            session,
            "confirm_order",
            "resumen_no_mostrado",
            "El cliente no ha visto el pedido tal como está; usa request_confirmation.",
          );
        if (!session.offline.events.some((e) => e.type === "confirm"))
          return refuse(
            session,
            "confirm_order",
            "sin_confirmacion_del_cliente",
            "El mensaje del cliente no confirma el pedido; pregúntale si lo confirma.",
          );
        const { outcomes } = applyEvent(session, { type: "confirm", shown: orderDigest(session.working) });
        if (!outcomes.some((o) => o.type === "close_requested"))
          return refuse(session, "confirm_order", "rechazado", "El pedido no se pudo confirmar.");
        return { ok: true, closing: true, summary: orderSummary(session.working) };
      },
    ),
    cancel_order: defineTool(
      session,
      "cancel_order",
      "Cancela el pedido en curso cuando el cliente lo pide.",
      z.object({}),
      () => {
        if (!openSale(session)) return refuse(session, "cancel_order", "sin_pedido", "No hay un pedido en curso.");
        applyEvent(session, { type: "cancel" });
        return { ok: true, state: session.working.state };
      },
    ),
  };
}
