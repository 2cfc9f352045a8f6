import {
  clientsAfter,
  countClientsForExport,
  countMessagesForExport,
  countProductsForExport,
  countSaleLinesForExport,
  type ExportFilters,
  messageIdSpan,
  messagesAfter,
  messagesBetween,
  productsAfter,
  saleLineIdSpan,
  saleLinesAfter,
  saleLinesBetween,
} from "@/lib/db/export-datasets";

import { databaseFlavour, env } from "@/lib/env";
import type { CellValue, ColumnKind, ExportStyle } from "@/lib/exports/cells";

export type { CellValue, ColumnKind, ExportStyle };

// What each dataset contains. Columns are declared once and drive CSV headers, XLSX sheets and the
// round-trip tests. Money is integer COP; dates are Colombian local time. `header` is the console's (human)
// header; `legacyHeader`, where it differs, is the one the legacy `/exportar` files have always had.
// A row is an array of cells in the order of `columns` (the large datasets' SQL selects in that order).
export type ExportRow = CellValue[];
export type Column = { key: string; header: string; kind: ColumnKind; legacyHeader?: string };

export function headerOf(column: Column, style: ExportStyle): string {
  return style === "legacy" ? (column.legacyHeader ?? column.header) : column.header;
}

export type DatasetDef = {
  name: DatasetName;
  title: string;
  columns: Column[];
  count(filters: ExportFilters): Promise<number>;
  /** Rows after `afterId` (keyset), with the id to continue from. */
  batch(filters: ExportFilters, afterId: number, take: number): Promise<{ rows: ExportRow[]; lastId: number | null }>;
  /** The large datasets also read by id range: the ids' span, and the rows with `afterId < id ≤ upToId`. */
  ranges?: {
    span(): Promise<{ min: number; max: number } | null>;
    rows(filters: ExportFilters, afterId: number, upToId: number): Promise<ExportRow[]>;
  };
};

export const DATASET_NAMES = ["inventario", "clientes", "ventas", "conversaciones"] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

const col = (key: string, header: string, kind: ColumnKind = "text", legacyHeader?: string): Column =>
  legacyHeader ? { key, header, kind, legacyHeader } : { key, header, kind };

function page<T extends { id: number }>(items: T[], map: (item: T) => ExportRow) {
  return { rows: items.map(map), lastId: items.at(-1)?.id ?? null };
}

/** Arrays read straight from the driver: the id to continue from is the first cell of the last row. */
function arrays(rows: ExportRow[]) {
  const last = rows.at(-1);
  return { rows, lastId: last ? Number(last[0]) : null };
}

const inventario: DatasetDef = {
  name: "inventario",
  title: "Inventario",
  columns: [
    col("id", "ID", "int"),
    col("sku", "SKU"),
    col("nombre", "Nombre"),
    col("descripcion", "Descripción"),
    col("categoria", "Categoría"),
    col("marca", "Marca"),
    col("precio", "Precio (COP)", "money"),
    col("stock", "Stock", "int"),
    col("unidad", "Unidad"),
    col("norma", "Norma"),
    col("activo", "Activo", "bool"),
    col("actualizado", "Actualizado", "datetime"),
  ],
  count: countProductsForExport,
  async batch(f, afterId, take) {
    return page(await productsAfter(f, afterId, take), (p) => [
      p.id,
      p.sku,
      p.name,
      p.description,
      p.category,
      p.brand,
      p.price,
      p.stock,
      p.unit,
      p.standard,
      p.active,
      p.updatedAt,
    ]);
  },
};

const clientes: DatasetDef = {
  name: "clientes",
  title: "Clientes",
  columns: [
    col("id", "ID", "int"),
    col("tipo_documento", "Tipo de documento"),
    col("cedula", "Documento"),
    col("nombre", "Nombre"),
    col("telefono", "Teléfono"),
    col("email", "Correo"),
    col("direccion", "Dirección"),
    col("ciudad", "Ciudad"),
    col("numero_compras", "Número de compras", "int"),
    col("total_compras", "Total compras (COP)", "money"),
    col("primera_compra", "Primera compra", "datetime"),
    col("ultima_compra", "Última compra", "datetime"),
  ],
  count: countClientsForExport,
  async batch(f, afterId, take) {
    return page(await clientsAfter(f, afterId, take), (c) => [
      c.id,
      c.documentType,
      c.documentNumber,
      c.name,
      c.phone,
      c.email,
      c.address,
      c.city,
      c.purchaseCount,
      c.purchaseTotal,
      c.firstPurchaseAt,
      c.lastPurchaseAt,
    ]);
  },
};

const ventas: DatasetDef = {
  name: "ventas",
  title: "Ventas",
  columns: [
    col("linea_id", "Línea", "int"),
    col("pedido", "Número de pedido", "text", "Pedido"),
    col("estado", "Estado", "state"),
    col("canal", "Canal", "channel"),
    col("chat_id", "Conversación", "text", "Chat"),
    col("fecha", "Fecha del pedido", "datetime", "Fecha"),
    col("cerrado", "Fecha de cierre", "datetime", "Cerrado"),
    col("cliente_documento", "Documento del cliente", "text", "Documento cliente"),
    col("cliente_nombre", "Cliente"),
    col("cliente_telefono", "Teléfono"),
    col("ciudad", "Ciudad"),
    col("sku", "SKU"),
    col("producto", "Producto"),
    col("cantidad", "Cantidad", "int"),
    col("precio_unitario", "Precio unitario (COP)", "money"),
    col("subtotal", "Subtotal (COP)", "money"),
    col("total_pedido", "Total del pedido (COP)", "money", "Total pedido (COP)"),
  ],
  count: countSaleLinesForExport,
  async batch(f, afterId, take) {
    return arrays(await saleLinesAfter(f, afterId, take));
  },
  ranges: { span: saleLineIdSpan, rows: saleLinesBetween },
};

const conversaciones: DatasetDef = {
  name: "conversaciones",
  title: "Conversaciones",
  columns: [
    col("mensaje_id", "Mensaje", "int"),
    col("chat_id", "Conversación", "text", "Chat"),
    col("canal", "Canal", "channel"),
    col("fecha", "Fecha", "datetime"),
    col("rol", "Quién escribe", "role", "Rol"),
    col("texto", "Texto"),
    col("intencion", "Intención", "intent"),
    col("estado_venta", "Estado de la venta", "state"),
    col("modelo", "Modelo"),
    col("tiempo_total_ms", "Tiempo total (ms)", "int"),
    col("tiempo_modelo_ms", "Tiempo del modelo (ms)", "int"),
    col("tiempo_busqueda_ms", "Tiempo de búsqueda (ms)", "int"),
  ],
  count: countMessagesForExport,
  async batch(f, afterId, take) {
    return arrays(await messagesAfter(f, afterId, take));
  },
  ranges: { span: messageIdSpan, rows: messagesBetween },
};

export const DATASETS: Record<DatasetName, DatasetDef> = { inventario, clientes, ventas, conversaciones };

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}

/**
 * Lets the event loop run between two chunks of a batch being written. Writing a batch is synchronous code and
 * async-generator steps (microtasks only): without this, the socket never got read meanwhile, so PostgreSQL's
 * reply to the batch asked for ahead filled the socket buffer and waited, and a 1 M-line CSV spent 7 of its
 * 9.6 s waiting for the database. It also lets chat turns in between when an export runs on the main thread.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every row of a dataset, batch by batch, in id order. The large datasets are read by id ranges of `batchSize`
 * ids, `ahead` ranges asked for before the current one is handed over: on PostgreSQL (2 ahead, on the reader's
 * 2 connections) the server works on the next ranges while this one is written, and the range reads need no
 * previous result, unlike keyset pages. Better-sqlite3 reads synchronously when asked: 1 ahead there. Others
 * by keyset (id > last), the next page asked for ahead. A batch holds at most `batchSize` rows either way.
 */
export async function* datasetBatches(def: DatasetDef, filters: ExportFilters, batchSize = 5_000) {
  if (def.ranges) yield* rangeBatches(def.ranges, filters, batchSize);
  else yield* keysetBatches(def, filters, batchSize);
}

/**
 * A read asked for ahead, marked as handled: if it fails while the current batch is being written (a database
 * outage fails every read in flight), that is not an unhandled rejection (which ends the process); the failure
 * still reaches the export when it awaits that read.
 */
function handled<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

const rangesAhead = () => (databaseFlavour(env().DATABASE_URL) === "postgres" ? 2 : 1);

async function* rangeBatches(ranges: NonNullable<DatasetDef["ranges"]>, filters: ExportFilters, size: number) {
  const span = await ranges.span();
  if (!span) return;
  const ahead = rangesAhead();
  const pending: Promise<ExportRow[]>[] = [];
  let next = span.min - 1;
  const ask = () => {
    if (next >= span.max) return;
    const from = next;
    next = Math.min(span.max, next + size);
    pending.push(handled(ranges.rows(filters, from, next)));
  };
  for (let i = 0; i <= ahead; i++) ask();
  // lines added after the span was read (ids past `span.max`) belong to the next export
  for (let current = pending.shift(); current; current = pending.shift()) {
    const rows = await current;
    ask();
    if (rows.length > 0) yield rows;
  }
}

async function* keysetBatches(def: DatasetDef, filters: ExportFilters, batchSize: number) {
  let pending = handled(def.batch(filters, 0, batchSize));
  for (;;) {
    const { rows, lastId } = await pending;
    const more = lastId !== null && rows.length >= batchSize;
    if (more) pending = handled(def.batch(filters, lastId, batchSize));
    if (rows.length > 0) yield rows;
    if (!more) return;
  }
}
