import { z } from "zod";
import type { SaleLine } from "@/lib/db/legacy-sale-lines";

// The previous system's `VentaOut` row (GET /venta/, /venta/{id}) and its /venta/historial/{chat_id} row, as
// one shape: the previous fields first, then ours. `id` is the line's id (one old `ventas` row per product).
const fecha = z.string().describe("Fecha ISO 8601 (UTC)");

/** Our order states in the previous system's sale vocabulary (its `ventas.estado`). */
export function previousSaleState(state: string): "completada" | "cancelada" | "pendiente" {
  if (state === "cerrada") return "completada";
  if (state === "cancelada") return "cancelada";
  return "pendiente";
}

export const ventaFilaSchema = z
  .object({
    id: z.number().int().describe("Id de la línea vendida (una fila `ventas` del sistema anterior)"),
    producto_id: z.number().int().nullable().describe("El id que muestra /productos"),
    cantidad: z.number().int(),
    total: z.number().int().describe("Total de la línea en pesos"),
    chat_id: z.string().nullable(),
    fecha: fecha.describe("Cierre de la venta, ISO 8601 (UTC)"),
    estado: z.enum(["completada", "cancelada", "pendiente"]),
    cliente_cedula: z.string().nullable(),
    detalle: z.object({
      pedido_id: z.number().int(),
      numero: z.string(),
      producto_nombre: z.string(),
      datos_cliente: z.object({
        nombre_completo: z.string().nullable(),
        cedula: z.string().nullable(),
        telefono: z.string().nullable(),
        correo: z.string().nullable(),
        direccion: z.string().nullable(),
      }),
    }),
    // ours
    pedido_id: z.number().int().describe("Id del pedido (GET /ventas/, /pedidos/)"),
    numero: z.string(),
    estado_pedido: z.string().describe("Estado del pedido aquí (cerrada, cancelada…)"),
    sku: z.string(),
    producto_nombre: z.string(),
    precio_unitario: z.number().int(),
  })
  .meta({ id: "VentaFila" });
export type VentaFila = z.infer<typeof ventaFilaSchema>;

export function toVentaFila(l: SaleLine): VentaFila {
  const o = l.order;
  return {
    id: l.id,
    producto_id: l.product?.legacyId ?? l.productId,
    cantidad: l.quantity,
    total: l.subtotal,
    chat_id: o.conversation?.chatId ?? null,
    fecha: (o.closedAt ?? o.createdAt).toISOString(),
    estado: previousSaleState(o.state),
    cliente_cedula: o.customerDocument,
    detalle: {
      pedido_id: o.id,
      numero: o.number,
      producto_nombre: l.name,
      datos_cliente: {
        nombre_completo: o.customerName,
        cedula: o.customerDocument,
        telefono: o.customerPhone,
        correo: o.customerEmail,
        direccion: o.customerAddress,
      },
    },
    pedido_id: o.id,
    numero: o.number,
    estado_pedido: o.state,
    sku: l.sku,
    producto_nombre: l.name,
    precio_unitario: l.unitPrice,
  };
}
