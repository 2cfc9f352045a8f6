// The audit log in words: "Carlos devolvió la conversación de Laura Gómez al bot". Pure: the page looks the
// entities' names up (lib/db/audit-labels.ts) and passes them in.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "apikey.create": "Creó una clave API",
  "apikey.revoke": "Revocó una clave API",
  "bot.global_off": "Apagó el asesor virtual",
  "bot.global_on": "Encendió el asesor virtual",
  "canned_reply.create": "Creó una respuesta rápida",
  "canned_reply.update": "Editó una respuesta rápida",
  "canned_reply.delete": "Eliminó una respuesta rápida",
  "channel.delivery.retry": "Reintentó una entrega",
  "channel.webhook.register": "Registró el webhook",
  "client.update": "Editó un cliente",
  "company.update": "Editó la información de la empresa",
  "conversation.note": "Dejó una nota privada",
  "conversation.release": "Devolvió una conversación al bot",
  "conversation.reply": "Respondió a un cliente",
  "conversation.takeover": "Tomó una conversación",
  "conversation.transfer": "Transfirió una conversación",
  "export.create": "Pidió una exportación",
  "export.download": "Descargó una exportación",
  "order.cancel": "Canceló un pedido",
  "order.close": "Cerró un pedido",
  "order.comment": "Comentó un pedido",
  "order.create_manual": "Registró una venta telefónica",
  "order.quote": "Generó una cotización",
  "order.state": "Cambió el estado de un pedido",
  "order.pay": "Marcó un pedido como pagado",
  "order.dispatch": "Despachó un pedido",
  "order.deliver": "Marcó un pedido como entregado",
  "product.activate": "Activó un producto",
  "product.deactivate": "Desactivó un producto",
  "product.create": "Creó un producto",
  "product.update": "Editó un producto",
  "product.image": "Cambió la foto de un producto",
  "product.image_remove": "Quitó la foto de un producto",
  "product.bulk_activate": "Activó productos en lote",
  "product.bulk_deactivate": "Desactivó productos en lote",
  "product.bulk_category": "Cambió la categoría de productos en lote",
  "product.bulk_price": "Cambió precios en lote",
  "products.import": "Importó el catálogo",
  "stock.adjust": "Ajustó el stock",
  "user.create": "Creó un usuario",
  "user.role": "Cambió el rol de un usuario",
  "user.enable": "Activó un usuario",
  "user.disable": "Desactivó un usuario",
  "user.password_reset": "Restableció una contraseña",
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  product: "Producto",
  order: "Pedido",
  conversation: "Conversación",
  client: "Cliente",
  user: "Usuario",
  apikey: "Clave API",
  export: "Exportación",
  setting: "Configuración",
  company: "Empresa",
  canned_reply: "Respuesta rápida",
  channel: "Canal",
};

// sentences with the entity's name in them: {who} {verb} {what}
const SENTENCES: Record<string, (what: string) => string> = {
  "conversation.takeover": (w) => `tomó la conversación de ${w}`,
  "conversation.release": (w) => `devolvió la conversación de ${w} al bot`,
  "conversation.reply": (w) => `respondió a ${w}`,
  "conversation.transfer": (w) => `transfirió la conversación de ${w}`,
  "conversation.note": (w) => `dejó una nota privada en la conversación de ${w}`,
  "order.cancel": (w) => `canceló el pedido ${w}`,
  "order.pay": (w) => `marcó el pedido ${w} como pagado`,
  "order.dispatch": (w) => `despachó el pedido ${w}`,
  "order.deliver": (w) => `marcó el pedido ${w} como entregado`,
  "order.comment": (w) => `comentó el pedido ${w}`,
  "order.create_manual": (w) => `registró la venta telefónica ${w}`,
  "order.quote": (w) => `generó una cotización del pedido ${w}`,
  "product.update": (w) => `editó ${w}`,
  "product.create": (w) => `creó ${w}`,
  "product.activate": (w) => `activó ${w}`,
  "product.deactivate": (w) => `desactivó ${w}`,
  "stock.adjust": (w) => `ajustó el stock de ${w}`,
  "client.update": (w) => `editó el cliente ${w}`,
  "user.role": (w) => `cambió el rol de ${w}`,
  "user.enable": (w) => `activó la cuenta de ${w}`,
  "user.disable": (w) => `desactivó la cuenta de ${w}`,
  "user.password_reset": (w) => `restableció la contraseña de ${w}`,
};

export type AuditForWords = { action: string; actorLabel: string; entityType: string; entityId: string | null };

/** One sentence; `entityName` is the looked-up name (product, order number, customer), if any. */
export function describeAudit(entry: AuditForWords, entityName: string | null): string {
  const who = entry.actorLabel.replace(/\s*<[^>]*>$/, "") || "Alguien";
  const what =
    entityName ??
    (entry.entityId
      ? `${(AUDIT_ENTITY_LABELS[entry.entityType] ?? entry.entityType).toLowerCase()} ${entry.entityId}`
      : null);
  const sentence = what ? SENTENCES[entry.action]?.(what) : undefined;
  if (sentence) return `${who} ${sentence}.`;
  const label = AUDIT_ACTION_LABELS[entry.action];
  if (label) return `${who}: ${label.charAt(0).toLowerCase()}${label.slice(1)}${what ? ` (${what})` : ""}.`;
  return `${who}: ${entry.action}${what ? ` (${what})` : ""}.`;
}

export type DiffRow = { field: string; before: string; after: string };

const show = (v: unknown): string =>
  v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);

/** The fields that differ between the stored before/after JSON, one row each. */
export function auditDiff(before: string | null, after: string | null): DiffRow[] {
  const parse = (s: string | null): Record<string, unknown> => {
    if (!s) return {};
    try {
      const v = JSON.parse(s) as unknown;
      return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { valor: v };
    } catch {
      return { valor: s };
    }
  };
  const a = parse(before);
  const b = parse(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => show(a[k]) !== show(b[k]))
    .map((field) => ({ field, before: show(a[field]), after: show(b[field]) }));
}
