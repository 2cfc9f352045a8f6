import { z } from "zod";
import {
  type ListSort,
  pageParam,
  parseSearchParams,
  type RawSearchParams,
  sortParam,
  sortToParam,
} from "@/lib/console/search-params";
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

/** Orders the sales list can be sorted by; newest first is the default and the only keyset-paged order. */
export const ORDER_SORTS = ["createdAt", "total"] as const;
export type OrderSort = ListSort<(typeof ORDER_SORTS)[number]>;
export const DEFAULT_ORDER_SORT: OrderSort = { key: "createdAt", desc: true };

export type OrderQuery = {
  state: (typeof ORDER_STATES)[number] | null;
  fulfilment?: FulfilmentStage | null;
  channel: (typeof ORDER_CHANNELS)[number] | null;
  from: string | null;
  to: string | null;
  client: string;
  page: number;
  /** absent = newest first */
  sort?: OrderSort;
  /** the previous page's last order (lib/db/order-admin.ts encodeOrderCursor); only with the default sort */
  after?: string | null;
};

const day = isoDay;

const schema = z.object({
  state: z.enum(ORDER_STATES).nullable().default(null).catch(null),
  fulfilment: z.enum(FULFILMENT_FILTERS).nullable().default(null).catch(null),
  channel: z.enum(ORDER_CHANNELS).nullable().default(null).catch(null),
  from: day.nullable().default(null).catch(null),
  to: day.nullable().default(null).catch(null),
  client: z.string().trim().max(100).catch(""),
  page: pageParam,
  sort: sortParam(ORDER_SORTS, DEFAULT_ORDER_SORT),
  after: z
    .string()
    .regex(/^[0-9a-z]{1,12}\.[0-9a-z]{1,12}$/)
    .nullable()
    .default(null)
    .catch(null),
});

export function parseOrderQuery(params: RawSearchParams): OrderQuery {
  const query = parseSearchParams(schema, params);
  const keyset = query.sort.key === DEFAULT_ORDER_SORT.key && query.sort.desc === DEFAULT_ORDER_SORT.desc;
  // a cursor only means something in the order it was taken from; with another sort the page number pages
  return keyset && query.after ? { ...query, page: 1 } : { ...query, after: null };
}

/** Start of a Bogotá calendar day as an instant. */
export function bogotaDayStart(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00-05:00`);
}

/** The list's filters and sort as URL parameters (no page or cursor: the pager adds those). */
export function orderQueryToParams(q: OrderQuery): Record<string, string | undefined> {
  return {
    sort: q.sort ? sortToParam(q.sort, DEFAULT_ORDER_SORT) : undefined,
    state: q.state ?? undefined,
    fulfilment: q.fulfilment ?? undefined,
    channel: q.channel ?? undefined,
    from: q.from ?? undefined,
    to: q.to ?? undefined,
    client: q.client || undefined,
  };
}
