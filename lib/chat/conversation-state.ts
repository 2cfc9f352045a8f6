import type { HistoryTurn, Intent } from "@/lib/agent/types";
import { INTENTS } from "@/lib/agent/types";
import type { StoredMessage } from "@/lib/db/conversations";
import type { StoredSale } from "@/lib/db/open-orders";
import { isTerminal } from "@/lib/sales/machine";
import type { SaleSnapshot } from "@/lib/sales/types";

// Rebuilding the agent's view of a conversation from the database: history turns and the sale snapshot.
// The order row is the truth for lines, customer and state (staff may edit it); the last answer's
// metadata keeps what has no column (the question the bot is waiting an answer to, pre-cart data).
const isIntent = (v: unknown): v is Intent => typeof v === "string" && (INTENTS as readonly string[]).includes(v);

function understoodFlag(message: StoredMessage): boolean | undefined {
  const understanding = message.metadata.entendimiento as { entendido?: unknown } | undefined;
  return typeof understanding?.entendido === "boolean" ? understanding.entendido : undefined;
}

function shownSkus(message: StoredMessage): string[] | undefined {
  const products = message.metadata.productos;
  if (!Array.isArray(products)) return undefined;
  return products.flatMap((p) =>
    p && typeof p === "object" && typeof (p as { sku?: unknown }).sku === "string" ? [(p as { sku: string }).sku] : [],
  );
}

export function historyFrom(messages: readonly StoredMessage[]): HistoryTurn[] {
  return messages.map((m) => {
    const user = m.role === "customer";
    const understood = user ? understoodFlag(m) : undefined;
    const shown = user ? undefined : shownSkus(m);
    return {
      role: user ? "user" : "assistant",
      text: m.text,
      ...(isIntent(m.intent) ? { intent: m.intent } : {}),
      ...(understood === undefined ? {} : { understood }),
      ...(shown ? { shownSkus: shown } : {}),
    };
  });
}

function snapshotFromMetadata(message: StoredMessage | undefined): SaleSnapshot | null {
  const value = message?.metadata.venta as Partial<SaleSnapshot> | undefined;
  if (!value || typeof value !== "object" || typeof value.state !== "string") return null;
  return {
    state: value.state,
    lines: Array.isArray(value.lines) ? value.lines : [],
    customer: value.customer && typeof value.customer === "object" ? value.customer : {},
    pending: value.pending ?? null,
  };
}

export function restoreSale(stored: StoredSale | null, messages: readonly StoredMessage[]): SaleSnapshot | null {
  const lastAnswer = [...messages].reverse().find((m) => m.role === "assistant");
  const remembered = snapshotFromMetadata(lastAnswer);
  if (stored) {
    const sameStep = remembered && remembered.state === stored.snapshot.state;
    return {
      ...stored.snapshot,
      customer: { ...(remembered?.customer ?? {}), ...stored.snapshot.customer },
      pending: sameStep ? remembered.pending : null,
    };
  }
  // Without an order row only a cart-less step can be resumed (a cart whose order staff cancelled is gone).
  if (remembered && remembered.lines.length === 0 && !isTerminal(remembered.state)) return remembered;
  return null;
}
