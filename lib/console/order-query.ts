import { z } from "zod";
import { isoDay } from "@/lib/domain/bounds";
import { FULFILMENT_LABELS, type FulfilmentStage } from "@/lib/domain/fulfilment";
import { ORDER_CHANNEL_LABELS, ORDER_STATE_LABELS, ORDER_STATES } from "@/lib/domain/order-words";

// Sales list filters, read from the URL. Dates are calendar days in Colombia (UTC−5, no DST).

export { ORDER_STATE_LABELS, ORDER_STATES };
export const ORDER_CHANNELS = ["web", "api", "ws", "console"] as const;
export const CHANNEL_LABELS = ORDER_CHANNEL_LABELS;

/** After-sale stages, filterable beside the sale state (a sold order stays `cerrada`). */
export const FULFILMENT_FILTERS = [
  "por_pagar",
  "pagada",
  "despachada",
  "entregada",
] as const satisfies FulfilmentStage[];
export { FULFILMENT_LABELS };

export type OrderQuery = {
  state: (typeof ORDER_STATES)[number] | null;
  fulfilment?: FulfilmentStage | null;
  channel: (typeof ORDER_CHANNELS)[number] | null;
  from: string | null;
  to: string | null;
  client: string;
  page: number;
};

const day = isoDay;

const schema = z.object({
  state: z.enum(ORDER_STATES).nullable().catch(null),
  fulfilment: z.enum(FULFILMENT_FILTERS).nullable().catch(null),
  channel: z.enum(ORDER_CHANNELS).nullable().catch(null),
  from: day.nullable().catch(null),
  to: day.nullable().catch(null),
  client: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function parseOrderQuery(params: Record<string, string | string[] | undefined>): OrderQuery {
  const pick = (k: string) => {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === "" || s === undefined ? null : s;
  };
  return schema.parse({
    state: pick("state"),
    fulfilment: pick("fulfilment"),
    channel: pick("channel"),
    from: pick("from"),
    to: pick("to"),
    client: pick("client") ?? "",
    page: pick("page") ?? 1,
  });
}

/** Start of a Bogotá calendar day as an instant. */
export function bogotaDayStart(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00-05:00`);
}

export function orderQueryToParams(q: OrderQuery): Record<string, string | undefined> {
  return {
    state: q.state ?? undefined,
    fulfilment: q.fulfilment ?? undefined,
    channel: q.channel ?? undefined,
    from: q.from ?? undefined,
    to: q.to ?? undefined,
    client: q.client || undefined,
  };
}
