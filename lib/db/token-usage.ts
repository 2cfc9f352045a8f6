import { db } from "./client";

// Hosted-model tokens spent, for the per-conversation and per-day budgets. Only answers worded or understood by
// a hosted model store tokens (offline turns leave the columns null), so the sums count real spending.

/** Midnight in Colombia (UTC−5 all year) of the given instant. */
export function startOfShopDay(now: Date = new Date()): Date {
  const bogota = new Date(now.getTime() - 5 * 3_600_000);
  return new Date(Date.UTC(bogota.getUTCFullYear(), bogota.getUTCMonth(), bogota.getUTCDate()) + 5 * 3_600_000);
}

const total = (sum: { inputTokens: number | null; outputTokens: number | null }) =>
  (sum.inputTokens ?? 0) + (sum.outputTokens ?? 0);

export async function tokensSpent(conversationId: number, now: Date = new Date()) {
  const [conversation, day] = await Promise.all([
    db().message.aggregate({ _sum: { inputTokens: true, outputTokens: true }, where: { conversationId } }),
    db().message.aggregate({
      _sum: { inputTokens: true, outputTokens: true },
      where: { createdAt: { gte: startOfShopDay(now) }, inputTokens: { not: null } },
    }),
  ]);
  return { conversation: total(conversation._sum), day: total(day._sum) };
}
