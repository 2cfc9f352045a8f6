import { db } from "@/lib/db/client";

// The claim protocol shared by ChannelEvent (inbound) and OutboxMessage (outbound). A row is due when it is
// pending (or its worker's lease ran out) and its next attempt time has come; among rows sharing an orderKey only
// the oldest unfinished one is due, so a chat's messages are handled in order even across instances. A claim is a
// conditional UPDATE (one winner on both SQLite and PostgreSQL); finishing it checks the owner, so a worker whose
// lease expired cannot overwrite the row another worker took.
export type QueueTable = "channelEvent" | "outboxMessage";

type Where = Record<string, unknown>;
type Row = { id: number; orderKey: string | null };
type Delegate = {
  findMany(args: { where: Where; orderBy: Where; take: number; select: Where }): Promise<Row[]>;
  groupBy(args: {
    by: string[];
    where: Where;
    _min: Where;
  }): Promise<{ orderKey: string | null; _min: { id: number | null } }[]>;
  updateMany(args: { where: Where; data: Where }): Promise<{ count: number }>;
};

// Both models have the queue columns under the same names; Prisma's per-model generics cannot express that.
const table = (name: QueueTable) => db()[name] as unknown as Delegate;

const OPEN = ["pending", "working"];
/** Tables whose rows may have no orderKey (outbox receipts); the inbound key is never null. */
const UNORDERED: Record<QueueTable, boolean> = { channelEvent: false, outboxMessage: true };
const unleased = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

export type Claim = { owner: string; leaseMs: number; limit: number; now?: Date };

const HEAD_CHUNK = 400;

/** The ids of due rows that are at the head of their orderKey (plus due unordered rows), oldest first. */
async function dueHeads(name: QueueTable, now: Date, limit: number): Promise<number[]> {
  const rows = table(name);
  const due = { status: { in: OPEN }, nextAttemptAt: { lte: now }, ...unleased(now) };
  // Heads first: a chat whose oldest message is backing off must not hide other chats' due rows.
  const heads = await rows.groupBy({ by: ["orderKey"], where: { status: { in: OPEN } }, _min: { id: true } });
  const headIds = heads
    .flatMap((h) => (h.orderKey !== null && h._min.id !== null ? [h._min.id] : []))
    .sort((a, b) => a - b);
  const found: number[] = [];
  // in chunks: a long outage can leave thousands of customers waiting, more ids than one query may bind
  for (let i = 0; i < headIds.length && found.length < limit; i += HEAD_CHUNK) {
    const chunk = headIds.slice(i, i + HEAD_CHUNK);
    const ready = await rows.findMany({
      where: { ...due, id: { in: chunk } },
      orderBy: { id: "asc" },
      take: limit - found.length,
      select: { id: true, orderKey: true },
    });
    found.push(...ready.map((r) => r.id));
  }
  if (UNORDERED[name]) {
    const loose = await rows.findMany({
      where: { ...due, orderKey: null },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true, orderKey: true },
    });
    found.push(...loose.map((r) => r.id));
  }
  return found.sort((a, b) => a - b).slice(0, limit);
}

/** Claims up to `limit` due rows for `owner`; returns their ids (oldest first). */
export async function claimDue(name: QueueTable, claim: Claim): Promise<number[]> {
  const now = claim.now ?? new Date();
  const rows = table(name);
  const claimed: number[] = [];
  for (const id of await dueHeads(name, now, claim.limit)) {
    const won = await rows.updateMany({
      where: { id, status: { in: OPEN }, ...unleased(now) },
      data: {
        status: "working",
        leaseOwner: claim.owner,
        leaseUntil: new Date(now.getTime() + claim.leaseMs),
        attempts: { increment: 1 },
      },
    });
    if (won.count === 1) claimed.push(id);
  }
  return claimed;
}

/** Marks a claimed row done; false when the lease was lost to another worker. */
export async function finishClaim(name: QueueTable, id: number, owner: string, data: Where = {}): Promise<boolean> {
  const { count } = await table(name).updateMany({
    where: { id, leaseOwner: owner, status: "working" },
    data: { ...data, status: "done", leaseUntil: null, lastError: null },
  });
  return count === 1;
}

/** Gives a claimed row back for a later attempt, or fails it for good. */
export async function releaseClaim(
  name: QueueTable,
  id: number,
  owner: string,
  outcome: { error: string; retryAt: Date | null; data?: Where },
): Promise<boolean> {
  const { count } = await table(name).updateMany({
    where: { id, leaseOwner: owner, status: "working" },
    data: {
      ...outcome.data,
      status: outcome.retryAt ? "pending" : "failed",
      nextAttemptAt: outcome.retryAt ?? undefined,
      leaseUntil: null,
      lastError: outcome.error.slice(0, 1000),
    },
  });
  return count === 1;
}

/** Extends a lease while slow work (a model turn, a media download) is still running. */
export async function renewClaim(name: QueueTable, id: number, owner: string, leaseMs: number): Promise<boolean> {
  const { count } = await table(name).updateMany({
    where: { id, leaseOwner: owner, status: "working" },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}
