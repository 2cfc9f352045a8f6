import { bogotaDayStart } from "@/lib/console/order-query";
import { db } from "@/lib/db/client";
import { countLowStock } from "@/lib/db/low-stock";

const DAY_MS = 86_400_000;

/** Today's calendar day in Colombia (UTC−5, no daylight saving) as YYYY-MM-DD. */
export function bogotaToday(now = new Date()): string {
  return new Date(now.getTime() - 5 * 3_600_000).toISOString().slice(0, 10);
}

/** The console home's figures: what needs someone today. */
export async function consoleHomeFigures(now = new Date()) {
  const today = bogotaDayStart(bogotaToday(now));
  const yesterday = new Date(today.getTime() - DAY_MS);
  const sold = (from: Date, to: Date) =>
    db().order.aggregate({
      where: { state: "cerrada", closedAt: { gte: from, lt: to } },
      _sum: { total: true },
      _count: { _all: true },
    });
  const [conversationsToday, waiting, toDispatch, lowStock, salesToday, salesYesterday] = await Promise.all([
    db().conversation.count({ where: { lastMessageAt: { gte: today } } }),
    db().conversation.count({ where: { attentionSince: { not: null } } }),
    db().order.count({ where: { state: "cerrada", fulfilment: "pagada" } }),
    countLowStock(),
    sold(today, new Date(today.getTime() + DAY_MS)),
    sold(yesterday, today),
  ]);
  return {
    today: bogotaToday(now),
    conversationsToday,
    waiting,
    toDispatch,
    lowStock,
    salesToday: { count: salesToday._count._all, total: salesToday._sum.total ?? 0 },
    salesYesterday: { count: salesYesterday._count._all, total: salesYesterday._sum.total ?? 0 },
  };
}
