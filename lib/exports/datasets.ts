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

// What each dataset contains. Columns are declared once and drive CSV headers, XLSX sheets and the
// round-trip tests. Money is integer COP; dates are Colombian local time.
export type CellValue = string | number | boolean | Date | null;
export type ExportRow = Record<string, CellValue>;
export type ColumnKind = "text" | "int" | "money" | "bool" | "datetime";
export type Column = { key: string; header: string; kind: ColumnKind };

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

const col = (key: string, header: string, kind: ColumnKind = "text"): Column => ({ key, header, kind });

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
    col("pedido", "Pedido"),
    col("estado", "Estado"),
    col("canal", "Canal"),
    col("chat_id", "Chat"),
    col("fecha", "Fecha", "datetime"),
    col("cerrado", "Cerrado", "datetime"),
    col("cliente_documento", "Documento cliente"),
    col("cliente_nombre", "Cliente"),
    col("cliente_telefono", "Teléfono"),
    col("ciudad", "Ciudad"),
    col("sku", "SKU"),
    col("producto", "Producto"),
    col("cantidad", "Cantidad", "int"),
    col("precio_unitario", "Precio unitario (COP)", "money"),
    col("subtotal", "Subtotal (COP)", "money"),
    col("total_pedido", "Total pedido (COP)", "money"),
  ],
  count: countSaleLinesForExport,
  async batch(f, afterId, take) {
    return page(await saleLinesAfter(f, afterId, take), (l) => ({
      linea_id: l.id,
      pedido: l.order.number,
      estado: l.order.state,
      canal: l.order.channel,
      chat_id: l.order.conversation?.chatId ?? null,
      fecha: l.order.createdAt,
      cerrado: l.order.closedAt,
      cliente_documento: l.order.customerDocument ?? l.order.client?.documentNumber ?? null,
      cliente_nombre: l.order.customerName ?? l.order.client?.name ?? null,
      cliente_telefono: l.order.customerPhone ?? l.order.client?.phone ?? null,
      ciudad: l.order.customerCity ?? l.order.client?.city ?? null,
      sku: l.sku,
      producto: l.name,
      cantidad: l.quantity,
      precio_unitario: l.unitPrice,
      subtotal: l.subtotal,
      total_pedido: l.order.total,
    }));
  },
};

const conversaciones: DatasetDef = {
  name: "conversaciones",
  title: "Conversaciones",
  columns: [
    col("mensaje_id", "Mensaje", "int"),
    col("chat_id", "Chat"),
    col("canal", "Canal"),
    col("fecha", "Fecha", "datetime"),
    col("rol", "Rol"),
    col("texto", "Texto"),
    col("intencion", "Intención"),
    col("estado_venta", "Estado de la venta"),
    col("modelo", "Modelo"),
    col("tiempo_total_ms", "Tiempo total (ms)", "int"),
    col("tiempo_modelo_ms", "Tiempo del modelo (ms)", "int"),
    col("tiempo_busqueda_ms", "Tiempo de búsqueda (ms)", "int"),
  ],
  count: countMessagesForExport,
  async batch(f, afterId, take) {
    return page(await messagesAfter(f, afterId, take), (m) => ({
      mensaje_id: m.id,
      chat_id: m.conversation.chatId,
      canal: m.conversation.channel,
      fecha: m.createdAt,
      rol: m.role,
      texto: m.text,
      intencion: m.intent,
      estado_venta: m.saleState,
      modelo: m.model,
      tiempo_total_ms: m.totalMs,
      tiempo_modelo_ms: m.modelMs,
      tiempo_busqueda_ms: m.retrievalMs,
    }));
  },
};

export const DATASETS: Record<DatasetName, DatasetDef> = { inventario, clientes, ventas, conversaciones };

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}

/** Every row of a dataset, batch by batch (keyset pagination: id > last). */
export async function* datasetBatches(def: DatasetDef, filters: ExportFilters, batchSize = 2_000) {
  let afterId = 0;
  for (;;) {
    const { rows, lastId } = await def.batch(filters, afterId, batchSize);
    if (rows.length > 0) yield rows;
    if (lastId === null || rows.length < batchSize) return;
    afterId = lastId;
  }
}
