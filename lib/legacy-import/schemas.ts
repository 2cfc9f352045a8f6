import { z } from "zod";

// The previous system's tables as its SQLite file holds them (SQLAlchemy models of the Python backend).
// Every column we know is listed: a column we do not know means a schema we have not seen, so the file is
// refused rather than read half-way. `optional` columns were added by later versions (ALTER TABLE).
export const LEGACY_TABLES = {
  productos: {
    required: ["id", "nombre", "descripcion", "precio", "stock", "activo", "fecha_actualizacion"],
    optional: ["categoria"],
  },
  clientes: {
    required: [
      "cedula",
      "nombre_completo",
      "telefono",
      "correo",
      "direccion",
      "barrio",
      "indicaciones_adicionales",
      "fecha_registro",
      "fecha_ultima_compra",
      "total_compras",
      "valor_total_compras",
      "activo",
      "notas",
    ],
    optional: [],
  },
  ventas: {
    required: ["id", "producto_id", "cantidad", "total", "chat_id", "estado", "cliente_cedula", "detalle", "fecha"],
    optional: [],
  },
  mensajes: {
    required: ["id", "chat_id", "remitente", "mensaje", "timestamp", "estado_venta", "tipo_mensaje", "metadatos"],
    optional: [],
  },
  chat_control: {
    required: ["id", "chat_id", "ia_activa", "tipo_control", "motivo_desactivacion", "usuario_que_desactivo"],
    optional: ["fecha_cambio", "fecha_actualizacion"],
  },
  contexto_empresa: {
    required: ["id", "nombre_empresa", "contenido", "version", "activo"],
    optional: ["fecha_creacion", "fecha_actualizacion", "usuario_actualizacion"],
  },
} as const;

export type LegacyTable = keyof typeof LEGACY_TABLES;

/** Tables of the previous system that carry nothing we import (users are re-created, logs are its own). */
export const IGNORED_TABLES = ["empresa", "usuario", "logs", "sqlite_sequence"] as const;

const text = z.string();
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === "" ? null : v.trim()));
const flag = z.union([z.number(), z.boolean(), z.bigint()]).transform((v) => Number(v) !== 0);
const optionalFlag = flag.nullish().transform((v) => v ?? true);
const id = z.number().int().positive();
const amount = z.number().finite().nonnegative();
/** SQLite DATETIME as text, `2025-05-27 12:52:00` or with microseconds; checked when converted. */
const stamp = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A JSON column: text holding JSON (`null` and empty mean none); an unreadable value is refused. */
const json = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v == null || v.trim() === "" || v.trim() === "null") return null;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "no es JSON válido" });
      return z.NEVER;
    }
  });

export const productoRow = z.object({
  id,
  nombre: text.trim().min(1, "el nombre está vacío").max(200),
  descripcion: optionalText,
  precio: amount,
  stock: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? 0),
  activo: optionalFlag,
  fecha_actualizacion: stamp,
  categoria: optionalText,
});

export const clienteRow = z.object({
  cedula: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1, "la cédula está vacía").max(20)),
  nombre_completo: text.trim().min(1, "el nombre está vacío"),
  telefono: optionalText,
  correo: optionalText,
  direccion: optionalText,
  barrio: optionalText,
  indicaciones_adicionales: optionalText,
  fecha_registro: stamp,
  fecha_ultima_compra: stamp,
  total_compras: z.number().nullish(),
  valor_total_compras: z.number().nullish(),
  activo: optionalFlag,
  notas: optionalText,
});

export const ventaRow = z.object({
  id,
  producto_id: id,
  cantidad: z.number().int().positive("la cantidad debe ser positiva"),
  total: amount,
  chat_id: optionalText,
  estado: optionalText,
  cliente_cedula: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || String(v).trim() === "" ? null : String(v).trim())),
  detalle: json,
  fecha: stamp,
});

export const mensajeRow = z.object({
  id,
  chat_id: text.trim().min(1, "el chat_id está vacío").max(100),
  remitente: z.enum(["usuario", "agente", "sistema", "cliente"], { error: "remitente desconocido" }),
  mensaje: text,
  timestamp: stamp,
  estado_venta: optionalText,
  tipo_mensaje: optionalText,
  metadatos: json,
});

export const chatControlRow = z.object({
  id,
  chat_id: optionalText,
  ia_activa: flag,
  tipo_control: z.enum(["global", "conversacion"], { error: "tipo_control desconocido" }),
  motivo_desactivacion: optionalText,
  usuario_que_desactivo: optionalText,
  fecha_cambio: stamp.optional(),
  fecha_actualizacion: stamp.optional(),
});

export const contextoRow = z.object({
  id,
  nombre_empresa: text,
  contenido: text.trim().min(1, "el contenido está vacío"),
  version: z.number().int(),
  activo: flag,
  fecha_creacion: stamp.optional(),
  fecha_actualizacion: stamp.optional(),
  usuario_actualizacion: optionalText.optional(),
});

export const ROW_SCHEMAS = {
  productos: productoRow,
  clientes: clienteRow,
  ventas: ventaRow,
  mensajes: mensajeRow,
  chat_control: chatControlRow,
  contexto_empresa: contextoRow,
} as const;

export type LegacyRows = { [T in LegacyTable]: z.output<(typeof ROW_SCHEMAS)[T]>[] };
