import {
  clientsAfter,
  countClientsForExport,
  countMessagesForExport,
  countProductsForExport,
  countSaleLinesForExport,
  type ExportFilters,
  messagesAfter,
  productsAfter,
  saleLinesAfter,
} from "@/lib/db/export-datasets";

import type { CellValue, ColumnKind, ExportStyle } from "@/lib/exports/cells";

export type { CellValue, ColumnKind, ExportStyle };

// What each dataset contains. Columns are declared once and drive CSV headers, XLSX sheets and the
// round-trip tests. Money is integer COP; dates are Colombian local time. `header` is the console's (human)
// header; `legacyHeader`, where it differs, is the one the legacy `/exportar` files have always had.
export type ExportRow = Record<string, CellValue>;
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
};

export const DATASET_NAMES = ["inventario", "clientes", "ventas", "conversaciones"] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

const col = (key: string, header: string, kind: ColumnKind = "text", legacyHeader?: string): Column =>
  legacyHeader ? { key, header, kind, legacyHeader } : { key, header, kind };

function page<T extends { id: number }>(items: T[], map: (item: T) => ExportRow) {
  return { rows: items.map(map), lastId: items.at(-1)?.id ?? null };
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
    return page(await productsAfter(f, afterId, take), (p) => ({
      id: p.id,
      sku: p.sku,
      nombre: p.name,
      descripcion: p.description,
      categoria: p.category,
      marca: p.brand,
      precio: p.price,
      stock: p.stock,
      unidad: p.unit,
      norma: p.standard,
      activo: p.active,
      actualizado: p.updatedAt,
    }));
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
    return page(await clientsAfter(f, afterId, take), (c) => ({
      id: c.id,
      tipo_documento: c.documentType,
      cedula: c.documentNumber,
      nombre: c.name,
      telefono: c.phone,
      email: c.email,
      direccion: c.address,
      ciudad: c.city,
      numero_compras: c.purchaseCount,
      total_compras: c.purchaseTotal,
      primera_compra: c.firstPurchaseAt,
      ultima_compra: c.lastPurchaseAt,
    }));
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
    const rows = (await saleLinesAfter(f, afterId, take)) as unknown as ExportRow[];
    return { rows, lastId: rows.length > 0 ? Number(rows[rows.length - 1]?.linea_id) : null };
  },
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
    const rows = (await messagesAfter(f, afterId, take)) as unknown as ExportRow[];
    return { rows, lastId: rows.length > 0 ? Number(rows[rows.length - 1]?.mensaje_id) : null };
  },
};

export const DATASETS: Record<DatasetName, DatasetDef> = { inventario, clientes, ventas, conversaciones };

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}

/** Every row of a dataset, batch by batch (keyset pagination: id > last). */
export async function* datasetBatches(def: DatasetDef, filters: ExportFilters, batchSize = 5_000) {
  let afterId = 0;
  for (;;) {
    const { rows, lastId } = await def.batch(filters, afterId, batchSize);
    if (rows.length > 0) yield rows;
    if (lastId === null || rows.length < batchSize) return;
    afterId = lastId;
  }
}
