// How the inbox names a customer: the client record, then what the customer told us (name on the conversation
// or on its order), then their phone; a stranger is "Cliente web #123" (the conversation's number).
const CHANNEL_NAMES: Record<string, string> = {
  web: "web",
  api: "API",
  ws: "web",
  console: "consola",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
};

export type NameSource = {
  id: number;
  channel: string;
  customerName: string | null;
  client?: { name: string } | null;
  orders?: { customerName: string | null; customerPhone: string | null }[];
};

export function conversationDisplayName(c: NameSource): string {
  const order = c.orders?.[0];
  const named = c.client?.name ?? c.customerName ?? order?.customerName;
  if (named?.trim()) return named.trim();
  if (order?.customerPhone) return `Cliente ${order.customerPhone}`;
  return `Cliente ${CHANNEL_NAMES[c.channel] ?? c.channel} #${c.id}`;
}
