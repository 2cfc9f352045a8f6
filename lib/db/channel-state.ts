import { db } from "@/lib/db/client";

// A named lease plus a little JSON state (the Telegram poller's offset): only the lease holder acts, so several
// instances never call getUpdates at once (Telegram answers 409 Conflict to the second).
export async function acquireLease(key: string, owner: string, ms: number): Promise<boolean> {
  const now = new Date();
  await db().channelState.upsert({ where: { key }, create: { key }, update: {} });
  const { count } = await db().channelState.updateMany({
    where: {
      key,
      OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ms) },
  });
  return count === 1;
}

export async function releaseLease(key: string, owner: string): Promise<void> {
  await db().channelState.updateMany({
    where: { key, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

export async function readChannelState(key: string): Promise<Record<string, unknown>> {
  const row = await db().channelState.findUnique({ where: { key } });
  try {
    const value = JSON.parse(row?.value ?? "{}") as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Writes the state only while `owner` holds the lease. */
export async function writeChannelState(key: string, owner: string, value: Record<string, unknown>): Promise<boolean> {
  const { count } = await db().channelState.updateMany({
    where: { key, leaseOwner: owner },
    data: { value: JSON.stringify(value) },
  });
  return count === 1;
}
