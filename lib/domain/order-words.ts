// The words staff read for an order's state and channel, and for a message's intent. Pure data, shared by the
// console pages, the exports and the metrics charts so each state has one Spanish name everywhere.
export const ORDER_STATES = [
  "iniciada",
  "pendiente",
  "recolectando_datos",
  "listo_para_finalizar",
  "cerrada",
  "cancelada",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** Carts still being filled (every state before `cerrada`): not sales yet. */
export const OPEN_ORDER_STATES = ["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar"] as const;

export const ORDER_STATE_LABELS: Record<string, string> = {
  iniciada: "Iniciada",
  pendiente: "Pendiente",
  recolectando_datos: "Recolectando datos",
  listo_para_finalizar: "Lista para cerrar",
  cerrada: "Cerrada",
  cancelada: "Cancelada",
};

export const ORDER_CHANNEL_LABELS: Record<string, string> = {
  web: "Web",
  api: "API",
  ws: "WebSocket",
  console: "Consola",
};

/** The classifier's intents; a message the classifier did not label is "Sin clasificar". */
export const INTENT_LABELS: Record<string, string> = {
  inventario: "Consulta de inventario",
  venta: "Compra",
  cliente: "Datos del cliente",
  contexto: "Preguntas sobre la empresa",
  sin_clasificar: "Sin clasificar",
};

/** A readable name for any intent key, also one added after this table (`nueva_cosa` → "Nueva cosa"). */
export function intentLabel(intent: string | null | undefined): string {
  const key = intent || "sin_clasificar";
  const known = INTENT_LABELS[key];
  if (known) return known;
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
