import { z } from "zod";
import { BOUND_MESSAGES, MAX_LINE_QUANTITY } from "@/lib/domain/bounds";
import type { FieldErrors } from "@/lib/errors";
import { applySaleEvents } from "@/lib/sales/machine";
import type { CatalogLookup, CustomerData, SaleEvent, SaleSnapshot } from "@/lib/sales/types";
import { onlyDigits } from "@/lib/sales/validation";

// A sale taken by phone goes through the agent's own state machine (same stock and data rules) before
// closeOrder commits it; the machine's complaints become field errors for the form.
export const manualOrderSchema = z.strictObject({
  customer: z.strictObject({
    name: z.string().trim().min(1, "El nombre es obligatorio."),
    documentType: z.enum(["CC", "NIT", "CE", "PASAPORTE"], { error: "Tipo de documento inválido." }),
    documentNumber: z.string().trim().min(1, "El documento es obligatorio."),
    phone: z.string().trim().min(1, "El celular es obligatorio."),
    email: z.string().trim().max(200).optional().default(""),
    address: z.string().trim().min(1, "La dirección es obligatoria."),
    city: z.string().trim().min(1, "La ciudad es obligatoria."),
  }),
  lines: z
    .array(
      z.strictObject({
        sku: z.string().trim().min(1, "Indica el SKU."),
        quantity: z.coerce
          .number()
          .int("La cantidad debe ser un entero.")
          .min(1, "La cantidad mínima es 1.")
          .max(MAX_LINE_QUANTITY, BOUND_MESSAGES.quantity),
      }),
    )
    .min(1, "Agrega al menos un producto.")
    .max(100, "Máximo 100 líneas por pedido."),
  note: z.string().trim().max(500).optional().default(""),
});

export type ManualOrderInput = z.output<typeof manualOrderSchema>;

const FIELD_PATHS: Record<string, string> = {
  name: "customer.name",
  documentNumber: "customer.documentNumber",
  documentType: "customer.documentType",
  phone: "customer.phone",
  address: "customer.address",
  city: "customer.city",
  email: "customer.email",
};

export function runManualSale(
  input: ManualOrderInput,
  lookup: CatalogLookup,
): { snapshot: SaleSnapshot; errors: FieldErrors } {
  const customer: CustomerData = {
    name: input.customer.name,
    documentType: input.customer.documentType,
    documentNumber:
      input.customer.documentType === "PASAPORTE" || input.customer.documentType === "NIT"
        ? input.customer.documentNumber.toUpperCase().replace(/[^\dA-Z-]/g, "")
        : onlyDigits(input.customer.documentNumber),
    phone: onlyDigits(input.customer.phone).replace(/^57(?=3\d{9}$)/, ""),
    address: input.customer.address,
    city: input.customer.city,
    ...(input.customer.email ? { email: input.customer.email } : {}),
  };
  const events: SaleEvent[] = [
    ...input.lines.map((l) => ({ type: "add" as const, sku: l.sku.toUpperCase(), quantity: l.quantity })),
    { type: "customer_data", data: customer },
    { type: "finish_cart" },
  ];
  const { snapshot, outcomes } = applySaleEvents(null, events, lookup);
  const errors: FieldErrors = {};
  for (const o of outcomes) {
    const lineIndex = (sku: string) => input.lines.findIndex((l) => l.sku.toUpperCase() === sku);
    if (o.type === "product_not_found")
      errors[`lines.${lineIndex(o.query)}.sku`] = `No existe un producto activo ${o.query}.`;
    if (o.type === "stock_insufficient")
      errors[`lines.${lineIndex(o.sku)}.quantity`] = `Solo hay ${o.available} disponibles de ${o.sku}.`;
    if (o.type === "invalid_field")
      errors[FIELD_PATHS[o.field] ?? o.field] = `${o.reason[0]?.toUpperCase()}${o.reason.slice(1)}.`;
  }
  if (Object.keys(errors).length === 0 && snapshot.state !== "listo_para_finalizar") {
    errors._ = "Faltan datos del cliente para cerrar la venta.";
  }
  return { snapshot, errors };
}
