import { z } from "zod";
import {
  BOUND_MESSAGES,
  isoDay,
  lineQuantity,
  MAX_ORDER_TOTAL,
  priceValue,
  productPriceValue,
  stockValue,
} from "@/lib/domain/bounds";
import { ORDER_STATES } from "@/lib/exports/request";

// Request bodies and query strings of the legacy API (zod-validated, unknown fields rejected).
const int = (label: string) =>
  z.coerce.number({ error: `${label} debe ser un número.` }).int(`${label} debe ser un entero.`);

export const pageQuery = {
  limit: int("limit").min(1).max(1000).default(100),
  offset: int("offset").min(0).default(0),
};

export const productosQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(100).optional(),
  categoria: z.string().max(100).optional(),
  activo: z.enum(["true", "false"]).optional(),
});

const productoFields = {
  sku: z.string(),
  nombre: z.string(),
  descripcion: z.string().optional(),
  precio: productPriceValue(),
  categoria: z.string(),
  marca: z.string().optional(),
  unidad: z.string().optional(),
  norma: z.string().nullable().optional(),
  sinonimos: z.string().optional(),
};

// Without `sku` this is the previous system's body (an upsert on the exact nombre); `activo` as before.
export const productoCreateBody = z
  .strictObject({
    ...productoFields,
    sku: productoFields.sku.optional(),
    stock: stockValue().optional(),
    activo: z.boolean().optional(),
  })
  .meta({ id: "ProductoNuevo" });

export const productoUpdateBody = productoCreateBody.partial().meta({ id: "ProductoCambios" });

// `busqueda` and `limite` (1–100) are the previous system's names; `q` and `limit` ours.
export const clientesQuery = z
  .strictObject({
    ...pageQuery,
    q: z.string().max(100).optional(),
    busqueda: z.string().max(100).optional(),
    limite: int("limite").min(1).max(100).optional(),
  })
  .transform(({ busqueda, limite, ...q }) => ({
    ...q,
    q: busqueda ?? q.q,
    limit: limite ?? q.limit,
  }));

export const ventaLineasQuery = z.strictObject(pageQuery);

export const ventasQuery = z
  .strictObject({ ...pageQuery, desde: isoDay.optional(), hasta: isoDay.optional() })
  .refine((q) => !q.desde || !q.hasta || q.desde <= q.hasta, {
    message: "desde no puede ser posterior a hasta.",
    path: ["desde"],
  });
export const pedidosQuery = z.strictObject({ ...pageQuery, estado: z.enum(ORDER_STATES).optional() });

export const ventaBody = z
  .strictObject({
    chat_id: z
      .string()
      .trim()
      .min(1, "chat_id es obligatorio.")
      .max(100)
      .regex(/^[\w.:-]+$/, "chat_id no es válido."),
    productos: z
      .array(
        z.strictObject({
          producto_id: z.number().int().positive(),
          cantidad: lineQuantity(),
          precio_unitario: priceValue().optional(),
        }),
      )
      .min(1, "La venta debe tener al menos un producto.")
      .max(200),
    total: z
      .number({ error: "total es obligatorio." })
      .int("total debe ser un entero en pesos.")
      .min(0)
      .max(MAX_ORDER_TOTAL, BOUND_MESSAGES.total),
    cliente_cedula: z
      .string()
      .trim()
      .regex(/^\d{5,12}$/, "La cédula debe tener entre 5 y 12 dígitos.")
      .optional(),
    tipo_documento: z.enum(["CC", "NIT", "CE", "PASAPORTE"]).default("CC"),
    cliente_nombre: z.string().trim().min(2).max(200).optional(),
    cliente_telefono: z.string().trim().max(30).optional(),
    cliente_email: z.email("El correo no es válido.").optional(),
    cliente_direccion: z.string().trim().max(300).optional(),
    cliente_ciudad: z.string().trim().max(100).optional(),
  })
  .meta({ id: "VentaNueva" });

export const estadoBody = z
  .strictObject({
    estado: z.enum(ORDER_STATES, { error: `estado debe ser uno de: ${ORDER_STATES.join(", ")}.` }),
    nota: z.string().trim().max(300).optional(),
  })
  .meta({ id: "CambioEstado" });

export const toggleBody = z
  .strictObject({ activo: z.boolean().optional(), motivo: z.string().trim().max(300).optional() })
  .meta({ id: "Interruptor" });

export const logsQuery = z.strictObject({
  ...pageQuery,
  accion: z.string().max(60).optional(),
  entidad: z.string().max(60).optional(),
});
