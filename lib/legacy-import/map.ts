import { legacyProductSku } from "@/lib/domain/legacy";
import { LegacyFileRefused, type LegacySource } from "./source";
import { type LegacyClock, legacyInstant } from "./time";
import type {
  BotSwitch,
  DocumentRef,
  LegacyDataset,
  MappedClient,
  MappedCompanyVersion,
  MappedConversation,
  MappedMessage,
  MappedOrder,
  MappedProduct,
} from "./types";

// Pure mapping of the validated legacy rows to our model (the rules); nothing here touches a database.
export const NO_CATEGORY = "Sin categoría";

export const legacySku = legacyProductSku;

/** Colombian company NITs have 9 digits starting with 8 or 9 (plus a check digit); anything else is a cédula. */
export function legacyDocument(raw: string): DocumentRef {
  const cleaned = raw.replace(/[\s.]/g, "");
  const nit = /^([89]\d{8})(?:-(\d))?$/.exec(cleaned);
  if (nit) return { documentType: "NIT", documentNumber: nit[2] ? `${nit[1]}-${nit[2]}` : (nit[1] as string) };
  return { documentType: "CC", documentNumber: cleaned.replace(/\D/g, "") || cleaned };
}

/** `default` was the web widget's shared chat; numeric ids came from the Telegram bridge; the rest from scripts. */
export function legacyChannel(chatId: string): "web" | "telegram" | "api" {
  if (chatId === "default") return "web";
  return /^-?\d+$/.test(chatId) ? "telegram" : "api";
}

const ROLE = { usuario: "customer", agente: "assistant", sistema: "system", cliente: "system" } as const;
const ORDER_STATE: Record<string, string> = {
  completada: "cerrada",
  completado: "cerrada",
  cerrada: "cerrada",
  cancelada: "cancelada",
  pendiente: "pendiente",
};

type Instant = (value: string | null, clock: LegacyClock, where: string) => Date | null;

function mapProducts(source: LegacySource, notes: string[]): MappedProduct[] {
  const rounded: number[] = [];
  const products = source.rows.productos.map((p) => {
    const price = Math.round(p.precio);
    if (price !== p.precio) rounded.push(p.id);
    const category = p.categoria && p.categoria.toLowerCase() !== "general" ? p.categoria : NO_CATEGORY;
    return {
      legacyId: p.id,
      sku: legacySku(p.id),
      name: p.nombre,
      description: p.descripcion ?? "",
      category,
      price,
      stock: Math.max(0, p.stock),
      active: p.activo,
      updatedAt: legacyInstant(p.fecha_actualizacion, "local"),
    };
  });
  if (rounded.length > 0) {
    notes.push(
      `Precios con centavos redondeados a pesos enteros en ${rounded.length} producto(s): ids ${rounded.join(", ")}.`,
    );
  }
  const byName = new Map<string, number[]>();
  for (const p of products) byName.set(p.name.toLowerCase(), [...(byName.get(p.name.toLowerCase()) ?? []), p.legacyId]);
  for (const [name, ids] of byName) {
    if (ids.length > 1)
      notes.push(`Nombre repetido «${name}» en los productos ${ids.join(", ")}: cada uno conserva su SKU.`);
  }
  return products;
}

function clientNotes(notas: string | null, indicaciones: string | null, active: boolean): string | null {
  const parts = [
    notas,
    indicaciones ? `Indicaciones de entrega: ${indicaciones}` : null,
    active ? null : "Inactivo en el sistema anterior.",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("\n") : null;
}

type DatosCliente = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null);

function mapClients(source: LegacySource, instant: Instant): MappedClient[] {
  return source.rows.clientes.map((c) => ({
    ...legacyDocument(c.cedula),
    name: c.nombre_completo,
    phone: c.telefono,
    email: c.correo,
    address: c.direccion,
    neighborhood: c.barrio,
    notes: clientNotes(c.notas, c.indicaciones_adicionales, c.activo),
    createdAt: instant(c.fecha_registro, "local", `cliente ${c.cedula}`),
  }));
}

function mapOrders(source: LegacySource, clients: MappedClient[], instant: Instant, notes: string[]): MappedOrder[] {
  const products = new Map(source.rows.productos.map((p) => [p.id, p]));
  const groups = new Map<string, LegacySource["rows"]["ventas"]>();
  for (const v of source.rows.ventas) {
    const detalle = (v.detalle ?? {}) as Record<string, unknown>;
    const pedido = typeof detalle.pedido_id === "number" ? detalle.pedido_id : null;
    // without pedido_id, the lines of one order share its chat and its exact time (one POST /venta/ wrote them)
    const key = pedido !== null ? `P${pedido}` : `C${v.chat_id ?? ""}|${v.fecha ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const known = new Map(clients.map((c) => [`${c.documentType}:${c.documentNumber}`, c]));
  const orders: MappedOrder[] = [];
  for (const [key, ventas] of groups) {
    const first = ventas[0] as (typeof ventas)[number];
    const detalle = (first.detalle ?? {}) as Record<string, unknown>;
    const datos = (detalle.datos_cliente ?? {}) as DatosCliente;
    const cedula = first.cliente_cedula ?? str(datos.cedula);
    const client = cedula ? legacyDocument(cedula) : null;
    const name = str(datos.nombre_completo) ?? str(datos.nombre);
    if (client && !known.has(`${client.documentType}:${client.documentNumber}`)) {
      const created: MappedClient = {
        ...client,
        name: name ?? `Cliente ${client.documentNumber}`,
        phone: str(datos.telefono),
        email: str(datos.correo),
        address: str(datos.direccion),
        neighborhood: str(datos.barrio),
        notes: clientNotes(null, str(datos.indicaciones_adicionales), true),
        createdAt: null,
      };
      clients.push(created);
      known.set(`${client.documentType}:${client.documentNumber}`, created);
      notes.push(
        `Cliente ${client.documentNumber} creado con los datos de la venta ${first.id} (no estaba en «clientes»).`,
      );
    }
    const lines = new Map<number, MappedOrder["lines"][number]>();
    for (const v of ventas) {
      const existing = lines.get(v.producto_id);
      const subtotal = Math.round(v.total) + (existing?.subtotal ?? 0);
      const quantity = v.cantidad + (existing?.quantity ?? 0);
      const productName =
        products.get(v.producto_id)?.nombre ?? str((v.detalle as Record<string, unknown> | null)?.producto_nombre);
      lines.set(v.producto_id, {
        legacyProductId: v.producto_id,
        name: productName ?? `Producto ${v.producto_id}`,
        quantity,
        unitPrice: Math.round(subtotal / quantity),
        subtotal,
      });
    }
    const estado = first.estado ?? "pendiente";
    const state = ORDER_STATE[estado];
    if (!state) throw new LegacyFileRefused([`«ventas» ${first.id}: estado desconocido «${estado}».`]);
    const createdAt = instant(first.fecha, "local", `venta ${first.id}`) ?? new Date(0);
    const record = client ? known.get(`${client.documentType}:${client.documentNumber}`) : undefined;
    orders.push({
      number: key.startsWith("P")
        ? `ANT-P${key.slice(1).padStart(6, "0")}`
        : `ANT-V${String(first.id).padStart(6, "0")}`,
      legacySaleIds: ventas.map((v) => v.id),
      chatId: first.chat_id,
      channel: first.chat_id ? legacyChannel(first.chat_id) : "api",
      state,
      createdAt,
      client,
      customer: {
        name: name ?? record?.name ?? null,
        documentType: client?.documentType ?? null,
        document: client?.documentNumber ?? null,
        phone: str(datos.telefono) ?? record?.phone ?? null,
        email: str(datos.correo) ?? record?.email ?? null,
        address: str(datos.direccion) ?? record?.address ?? null,
      },
      lines: [...lines.values()],
      total: [...lines.values()].reduce((s, l) => s + l.subtotal, 0),
    });
  }
  return orders;
}

function switchOf(row: LegacySource["rows"]["chat_control"][number], instant: Instant): BotSwitch {
  return {
    enabled: row.ia_activa,
    reason: row.motivo_desactivacion,
    by: row.usuario_que_desactivo,
    at: instant(row.fecha_cambio ?? null, "local", `chat_control ${row.id}`),
  };
}

function mapConversations(source: LegacySource, instant: Instant): MappedConversation[] {
  const chats = new Map<string, MappedConversation>();
  const chat = (chatId: string) => {
    let c = chats.get(chatId);
    if (!c) {
      c = { legacyChatId: chatId, channel: legacyChannel(chatId), messages: [], bot: null };
      chats.set(chatId, c);
    }
    return c;
  };
  for (const m of source.rows.mensajes) {
    const clock: LegacyClock = m.remitente === "sistema" ? "utc" : "local";
    const createdAt = instant(m.timestamp, clock, `mensaje ${m.id}`) ?? new Date(0);
    const original = m.metadatos;
    const metadata =
      original && typeof original === "object" && !Array.isArray(original)
        ? (original as Record<string, unknown>)
        : original == null
          ? {}
          : { valor: original };
    const message: MappedMessage = {
      legacyId: m.id,
      role: ROLE[m.remitente],
      text: m.mensaje,
      intent: m.tipo_mensaje,
      saleState: m.estado_venta,
      metadata: { ...metadata, legado: { id: m.id, remitente: m.remitente } },
      createdAt,
    };
    chat(m.chat_id).messages.push(message);
  }
  for (const v of source.rows.ventas) if (v.chat_id) chat(v.chat_id);
  for (const row of source.rows.chat_control) {
    if (row.tipo_control === "conversacion" && row.chat_id) chat(row.chat_id).bot = switchOf(row, instant);
  }
  for (const c of chats.values()) {
    c.messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.legacyId - b.legacyId);
  }
  return [...chats.values()];
}

function mapCompany(source: LegacySource, instant: Instant): MappedCompanyVersion[] {
  const versions = source.rows.contexto_empresa.map((c) => ({
    legacyId: c.id,
    legacyVersion: c.version,
    content: c.contenido,
    active: c.activo,
    createdAt: instant(c.fecha_creacion ?? null, "local", `contexto_empresa ${c.id}`),
  }));
  // oldest first and the active one last, so it becomes our current version
  return versions.sort((a, b) => Number(a.active) - Number(b.active) || a.legacyVersion - b.legacyVersion);
}

export function mapLegacyDataset(source: LegacySource): LegacyDataset {
  const problems: string[] = [];
  const instant: Instant = (value, clock, where) => {
    if (value === null) return null;
    const parsed = legacyInstant(value, clock);
    if (!parsed && problems.length < 50) problems.push(`${where}: fecha ilegible «${value}».`);
    return parsed;
  };
  const notes: string[] = [];
  const products = mapProducts(source, notes);
  const clients = mapClients(source, instant);
  const orders = mapOrders(source, clients, instant, notes);
  const conversations = mapConversations(source, instant);
  const global = source.rows.chat_control.find((r) => r.tipo_control === "global");
  const company = mapCompany(source, instant);
  if (problems.length > 0) throw new LegacyFileRefused(problems);
  return {
    products,
    clients,
    orders,
    conversations,
    globalBot: global ? switchOf(global, instant) : null,
    company,
    notes,
  };
}
