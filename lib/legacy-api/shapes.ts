import { z } from "zod";
import type { ApiOrder } from "@/lib/db/legacy-api";

// The previous system's JSON shapes (Spanish snake_case). The zod schemas document them in the OpenAPI
// document; the mappers turn database rows into them. Money is integer COP; dates are ISO 8601 (UTC).
const fecha = z.string().describe("Fecha ISO 8601 (UTC)");

export const productoSchema = z
  .object({
    id: z.number().int(),
    sku: z.string(),
    nombre: z.string(),
    descripcion: z.string(),
    precio: z.number().int().describe("Precio en pesos colombianos (entero, IVA incluido)"),
    stock: z.number().int(),
    categoria: z.string(),
    marca: z.string(),
    unidad: z.string(),
    norma: z.string().nullable(),
    activo: z.boolean(),
    fecha_actualizacion: fecha.optional(),
  })
  .meta({ id: "Producto" });
export type Producto = z.infer<typeof productoSchema>;

export const lineaSchema = z
  .object({
    producto_id: z.number().int().nullable().describe("El id que muestra /productos"),
    sku: z.string(),
    nombre: z.string(),
    cantidad: z.number().int(),
    precio_unitario: z.number().int(),
    subtotal: z.number().int(),
  })
  .meta({ id: "LineaVenta" });

export const ventaSchema = z
  .object({
    id: z.number().int(),
    numero: z.string(),
    chat_id: z.string().nullable(),
    estado: z.string(),
    canal: z.string(),
    fecha: fecha,
    fecha_cierre: fecha.nullable(),
    actualizado: fecha,
    total: z.number().int(),
    cliente_cedula: z.string().nullable(),
    cliente_nombre: z.string().nullable(),
    cliente_telefono: z.string().nullable(),
    productos: z.array(lineaSchema),
  })
  .meta({ id: "Venta" });
export type Venta = z.infer<typeof ventaSchema>;

export const clienteSchema = z
  .object({
    cedula: z.string(),
    tipo_documento: z.string(),
    nombre: z.string(),
    telefono: z.string().nullable(),
    email: z.string().nullable(),
    direccion: z.string().nullable(),
    ciudad: z.string().nullable(),
    total_compras: z.number().int().describe("Número de compras (como en el sistema anterior)"),
    valor_total_compras: z.number().int().describe("Valor de las compras en pesos"),
    numero_compras: z.number().int().describe("Número de compras (igual a total_compras)"),
    ultima_compra: fecha.nullable(),
    // the previous system's names for the same facts (its clients read these)
    nombre_completo: z.string(),
    correo: z.string().nullable(),
    barrio: z.string().nullable(),
    indicaciones_adicionales: z.string().nullable().describe("Siempre null: se guardan en notas"),
    notas: z.string().nullable(),
    activo: z.boolean().describe("Siempre true: aquí no hay clientes inactivos"),
    fecha_registro: fecha.optional(),
    fecha_ultima_compra: fecha.nullable(),
  })
  .meta({ id: "Cliente" });

export const clientesListaSchema = z
  .object({ clientes: z.array(clienteSchema), total: z.number().int(), busqueda: z.string().nullable() })
  .meta({ id: "ClientesLista" });

export const clienteDetalleSchema = z
  .object({ cliente: clienteSchema, historial: z.array(ventaSchema).describe("Pedidos del cliente (nuestro)") })
  .meta({ id: "ClienteDetalle" });

export const logSchema = z
  .object({
    id: z.number().int(),
    fecha: fecha,
    actor: z.string(),
    tipo_actor: z.string(),
    accion: z.string(),
    entidad: z.string(),
    entidad_id: z.string().nullable(),
    motivo: z.string().nullable(),
    request_id: z.string().nullable(),
  })
  .meta({ id: "RegistroAuditoria" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().describe("Mensaje en español"),
      fields: z.record(z.string(), z.string()).optional(),
      request_id: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

type ProductRow = {
  id: number;
  sku: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  brand: string;
  unit: string;
  standard: string | null;
  active: boolean;
  legacyId?: number | null;
  updatedAt?: Date;
};

export function toProducto(p: ProductRow): Producto {
  return {
    // an imported product is known to the previous system's clients by its old id
    id: p.legacyId ?? p.id,
    sku: p.sku,
    nombre: p.name,
    descripcion: p.description,
    precio: p.price,
    stock: p.stock,
    categoria: p.category,
    marca: p.brand,
    unidad: p.unit,
    norma: p.standard,
    activo: p.active,
    ...(p.updatedAt ? { fecha_actualizacion: p.updatedAt.toISOString() } : {}),
  };
}

type ClientRow = {
  documentType: string;
  documentNumber: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
  purchaseTotal: number;
  purchaseCount: number;
  lastPurchaseAt: Date | null;
  neighborhood?: string | null;
  notes?: string | null;
  createdAt?: Date;
};

export function toCliente(c: ClientRow): z.infer<typeof clienteSchema> {
  return {
    cedula: c.documentNumber,
    tipo_documento: c.documentType,
    nombre: c.name,
    telefono: c.phone,
    email: c.email,
    direccion: c.address,
    ciudad: c.city,
    // the previous meaning: total_compras counts purchases, valor_total_compras is what they were worth
    total_compras: c.purchaseCount,
    valor_total_compras: c.purchaseTotal,
    numero_compras: c.purchaseCount,
    ultima_compra: c.lastPurchaseAt?.toISOString() ?? null,
    nombre_completo: c.name,
    correo: c.email,
    barrio: c.neighborhood ?? null,
    // the import keeps the old indicaciones_adicionales and activo inside the notes (no column here)
    indicaciones_adicionales: null,
    notas: c.notes ?? null,
    activo: true,
    ...(c.createdAt ? { fecha_registro: c.createdAt.toISOString() } : {}),
    fecha_ultima_compra: c.lastPurchaseAt?.toISOString() ?? null,
  };
}

export function toVenta(o: ApiOrder): Venta {
  return {
    id: o.id,
    numero: o.number,
    chat_id: o.conversation?.chatId ?? null,
    estado: o.state,
    canal: o.channel,
    fecha: o.createdAt.toISOString(),
    fecha_cierre: o.closedAt?.toISOString() ?? null,
    actualizado: o.updatedAt.toISOString(),
    total: o.total,
    cliente_cedula: o.customerDocument,
    cliente_nombre: o.customerName,
    cliente_telefono: o.customerPhone,
    productos: o.lines.map((l) => ({
      producto_id: l.product?.legacyId ?? l.productId,
      sku: l.sku,
      nombre: l.name,
      cantidad: l.quantity,
      precio_unitario: l.unitPrice,
      subtotal: l.subtotal,
    })),
  };
}

type AuditRow = {
  id: number;
  createdAt: Date;
  actorLabel: string;
  actorType: string;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  requestId: string | null;
};

export function toLog(a: AuditRow): z.infer<typeof logSchema> {
  return {
    id: a.id,
    fecha: a.createdAt.toISOString(),
    actor: a.actorLabel,
    tipo_actor: a.actorType,
    accion: a.action,
    entidad: a.entityType,
    entidad_id: a.entityId,
    motivo: a.reason,
    request_id: a.requestId,
  };
}
