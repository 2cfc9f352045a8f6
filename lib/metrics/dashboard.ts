import { storedExportBytes } from "@/lib/db/exports";
import {
  botVsHuman,
  conversationsPerDay,
  conversion,
  hostedModelPerDay,
  type MetricsRange,
  messagesPerDayByIntent,
  responseTimes,
  revenuePerDay,
  topProducts,
} from "@/lib/db/metrics";
import { AppError } from "@/lib/errors";
import { colombiaDayStart } from "@/lib/exports/request";

// Everything the metrics page shows, for one date range (Colombian days, both ends inclusive).
export const MAX_RANGE_DAYS = 366;

export function colombiaToday(now = new Date()): string {
  return new Date(now.getTime() - 5 * 3_600_000).toISOString().slice(0, 10);
}

export function shiftDay(dayText: string, days: number): string {
  return colombiaDayStart(dayText, days).toISOString().slice(0, 10);
}

export type DayRange = { from: string; to: string };

export function defaultRange(now = new Date()): DayRange {
  const to = colombiaToday(now);
  return { from: shiftDay(to, -29), to };
}

export function toMetricsRange(days: DayRange): MetricsRange {
  const from = colombiaDayStart(days.from);
  const to = colombiaDayStart(days.to, 1);
  if (from >= to)
    throw new AppError("invalid_input", "La fecha inicial debe ser anterior a la final.", {
      fields: { to: "Revisa el rango." },
    });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError("invalid_input", "El rango máximo es de un año.", { fields: { from: "Acorta el rango." } });
  }
  return { from, to };
}

/** Every day of the range, so charts show zero days instead of skipping them. */
export function daysOf(days: DayRange): string[] {
  const out: string[] = [];
  for (let d = days.from; d <= days.to && out.length <= MAX_RANGE_DAYS; d = shiftDay(d, 1)) out.push(d);
  return out;
}

export async function loadDashboardMetrics(days: DayRange) {
  const range = toMetricsRange(days);
  const [intents, conversations, times, conv, revenue, top, handling, storage, hosted] = await Promise.all([
    messagesPerDayByIntent(range),
    conversationsPerDay(range),
    responseTimes(range),
    conversion(range),
    revenuePerDay(range),
    topProducts(range),
    botVsHuman(range),
    storedExportBytes(),
    hostedModelPerDay(range),
  ]);
  return {
    range: days,
    days: daysOf(days),
    messagesByIntent: intents,
    conversationsPerDay: conversations,
    responseTimes: times,
    conversion: conv,
    revenuePerDay: revenue,
    topProducts: top,
    handling,
    storage,
    hostedModel: hosted,
  };
}

export type DashboardMetrics = Awaited<ReturnType<typeof loadDashboardMetrics>>;
