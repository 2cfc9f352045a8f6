import { at, flavour, query, ts } from "@/lib/db/raw-sql";

// Dashboard metrics as SQL aggregates (raw SQL per flavour where the dialects differ). Days are Colombian
// calendar days (UTC-5, no daylight saving). Percentiles are continuous (interpolated) on both flavours:
// PostgreSQL's percentile_cont, and on SQLite the same formula from two ordered rows fetched by OFFSET.
export type MetricsRange = { from: Date; to: Date };

function day(column: string): string {
  return flavour() === "postgres"
    ? `to_char(${column} - interval '5 hours', 'YYYY-MM-DD')`
    : `substr(datetime(${column}, '-5 hours'), 1, 10)`;
}

const n = (v: unknown) => Number(v ?? 0);

export async function messagesPerDayByIntent(r: MetricsRange) {
  const rows = await query<{ day: string; intent: string | null; count: unknown }>(
    `SELECT ${day('"createdAt"')} AS day, "intent" AS intent, COUNT(*) AS count FROM "Message"
     WHERE "role" = 'customer' AND "createdAt" >= $1${ts()} AND "createdAt" < $2${ts()}
     GROUP BY 1, 2 ORDER BY 1`,
    [at(r.from), at(r.to)],
  );
  return rows.map((x) => ({ day: x.day, intent: x.intent ?? "sin_clasificar", count: n(x.count) }));
}

export async function conversationsPerDay(r: MetricsRange) {
  const rows = await query<{ day: string; count: unknown }>(
    `SELECT ${day('"createdAt"')} AS day, COUNT(*) AS count FROM "Conversation"
     WHERE "createdAt" >= $1${ts()} AND "createdAt" < $2${ts()} GROUP BY 1 ORDER BY 1`,
    [at(r.from), at(r.to)],
  );
  return rows.map((x) => ({ day: x.day, count: n(x.count) }));
}

export type Percentiles = { p50: number | null; p95: number | null };
export type ResponseTimes = { count: number; total: Percentiles; model: Percentiles; ours: Percentiles };

const TIMED = `"role" = 'assistant' AND "totalMs" IS NOT NULL AND "createdAt" >= $1__TS AND "createdAt" < $2__TS`;

async function sqlitePercentile(expression: string, where: string, params: unknown[], count: number, p: number) {
  if (count === 0) return null;
  const k = p * (count - 1);
  const lower = Math.floor(k);
  const rows = await query<{ v: unknown }>(
    `SELECT ${expression} AS v FROM "Message" WHERE ${where} ORDER BY 1 LIMIT 2 OFFSET ${lower}`,
    params,
  );
  const a = n(rows[0]?.v);
  const b = rows[1] ? n(rows[1].v) : a;
  return Math.round(a + (k - lower) * (b - a));
}

/** Whole turn (Message.totalMs), the model's part (modelMs) and ours (totalMs − modelMs), p50 and p95. */
export async function responseTimes(r: MetricsRange): Promise<ResponseTimes> {
  const where = TIMED.replaceAll("__TS", ts());
  const params = [at(r.from), at(r.to)];
  if (flavour() === "postgres") {
    const [row] = await query<Record<string, unknown>>(
      `SELECT COUNT(*) AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "totalMs") AS t50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY "totalMs") AS t95,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY COALESCE("modelMs", 0)) AS m50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY COALESCE("modelMs", 0)) AS m95,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "totalMs" - COALESCE("modelMs", 0)) AS o50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY "totalMs" - COALESCE("modelMs", 0)) AS o95
       FROM "Message" WHERE ${where}`,
      params,
    );
    const v = (key: string) => (row?.[key] == null ? null : Math.round(n(row[key])));
    return {
      count: n(row?.count),
      total: { p50: v("t50"), p95: v("t95") },
      model: { p50: v("m50"), p95: v("m95") },
      ours: { p50: v("o50"), p95: v("o95") },
    };
  }
  const [c] = await query<{ count: unknown }>(`SELECT COUNT(*) AS count FROM "Message" WHERE ${where}`, params);
  const count = n(c?.count);
  const pct = (expr: string, p: number) => sqlitePercentile(expr, where, params, count, p);
  const [t50, t95, m50, m95, o50, o95] = await Promise.all([
    pct('"totalMs"', 0.5),
    pct('"totalMs"', 0.95),
    pct('COALESCE("modelMs", 0)', 0.5),
    pct('COALESCE("modelMs", 0)', 0.95),
    pct('"totalMs" - COALESCE("modelMs", 0)', 0.5),
    pct('"totalMs" - COALESCE("modelMs", 0)', 0.95),
  ]);
  return { count, total: { p50: t50, p95: t95 }, model: { p50: m50, p95: m95 }, ours: { p50: o50, p95: o95 } };
}

/** Conversations started in the range, and how many of them ended in a closed order. */
export async function conversion(r: MetricsRange) {
  const [row] = await query<{ conversations: unknown; converted: unknown }>(
    `SELECT COUNT(*) AS conversations,
       COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "Order" o WHERE o."conversationId" = c."id" AND o."state" = 'cerrada') THEN 1 ELSE 0 END), 0) AS converted
     FROM "Conversation" c WHERE c."createdAt" >= $1${ts()} AND c."createdAt" < $2${ts()}`,
    [at(r.from), at(r.to)],
  );
  const conversations = n(row?.conversations);
  const converted = n(row?.converted);
  return { conversations, converted, rate: conversations === 0 ? 0 : converted / conversations };
}

export async function revenuePerDay(r: MetricsRange) {
  const rows = await query<{ day: string; revenue: unknown; orders: unknown }>(
    `SELECT ${day('"closedAt"')} AS day, SUM("total") AS revenue, COUNT(*) AS orders FROM "Order"
     WHERE "state" = 'cerrada' AND "closedAt" >= $1${ts()} AND "closedAt" < $2${ts()} GROUP BY 1 ORDER BY 1`,
    [at(r.from), at(r.to)],
  );
  return rows.map((x) => ({ day: x.day, revenue: n(x.revenue), orders: n(x.orders) }));
}

export async function topProducts(r: MetricsRange, limit = 10) {
  const rows = await query<{ sku: string; name: string; units: unknown; revenue: unknown }>(
    `SELECT l."sku" AS sku, MAX(l."name") AS name, SUM(l."quantity") AS units, SUM(l."subtotal") AS revenue
     FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
     WHERE o."state" = 'cerrada' AND o."closedAt" >= $1${ts()} AND o."closedAt" < $2${ts()}
     GROUP BY l."sku" ORDER BY 4 DESC, 1 LIMIT ${Math.max(1, Math.min(50, Math.floor(limit)))}`,
    [at(r.from), at(r.to)],
  );
  return rows.map((x) => ({ sku: x.sku, name: x.name, units: n(x.units), revenue: n(x.revenue) }));
}

/** Replies written by the bot vs by staff, and conversations a person took part in. */
export async function botVsHuman(r: MetricsRange) {
  const [row] = await query<Record<string, unknown>>(
    `SELECT
       COALESCE(SUM(CASE WHEN "role" = 'assistant' THEN 1 ELSE 0 END), 0) AS bot,
       COALESCE(SUM(CASE WHEN "role" = 'staff' THEN 1 ELSE 0 END), 0) AS human,
       COUNT(DISTINCT CASE WHEN "role" = 'staff' THEN "conversationId" END) AS human_conversations,
       COUNT(DISTINCT "conversationId") AS conversations
     FROM "Message" WHERE "role" IN ('assistant', 'staff') AND "createdAt" >= $1${ts()} AND "createdAt" < $2${ts()}`,
    [at(r.from), at(r.to)],
  );
  const conversations = n(row?.conversations);
  const humanConversations = n(row?.human_conversations);
  return {
    botReplies: n(row?.bot),
    humanReplies: n(row?.human),
    conversations,
    humanConversations,
    botOnlyConversations: conversations - humanConversations,
  };
}

/** Turns answered with a hosted model (they store tokens): tokens in/out and the model's time, per day. */
export async function hostedModelPerDay(r: MetricsRange) {
  const rows = await query<{ day: string; turns: unknown; input: unknown; output: unknown; model_ms: unknown }>(
    `SELECT ${day('"createdAt"')} AS day, COUNT(*) AS turns, SUM("inputTokens") AS input,
       SUM("outputTokens") AS output, SUM(COALESCE("modelMs", 0)) AS model_ms FROM "Message"
     WHERE "role" = 'assistant' AND "inputTokens" IS NOT NULL AND "createdAt" >= $1${ts()} AND "createdAt" < $2${ts()}
     GROUP BY 1 ORDER BY 1`,
    [at(r.from), at(r.to)],
  );
  return rows.map((x) => ({
    day: x.day,
    turns: n(x.turns),
    inputTokens: n(x.input),
    outputTokens: n(x.output),
    modelMs: n(x.model_ms),
  }));
}
