import { db } from "@/lib/db/client";
import { INBOX_PAGE_SIZE, type InboxFilter, inboxWhere } from "@/lib/db/inbox";
import type { Prisma } from "@/lib/generated/sqlite/client";

// The inbox's views and unread state, per signed-in staff user. "Esperando asesor" is every conversation
// flagged for a person (Conversation.attentionSince: the customer asked, the agent stopped understanding, the
// bot is off, a delivery failed), oldest first; "revisar" adds the turns understanding was unsure of.
export const INBOX_VIEWS = ["all", "mine", "queue", "review"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_VIEW_LABELS: Record<InboxView, string> = {
  all: "Todas",
  mine: "Mías",
  queue: "Esperando asesor",
  review: "Revisar",
};
/** Below this, a customer message's understanding is listed for review. */
export const LOW_CONFIDENCE = 0.6;
/** How many of the most recent conversations the unread badge looks at (older ones are history). */
const UNREAD_WINDOW = 500;

export function viewWhere(view: InboxView, userId: number | null): Prisma.ConversationWhereInput {
  switch (view) {
    case "mine":
      return { takenOverById: userId ?? -1 };
    case "queue":
      return { attentionSince: { not: null } };
    case "review":
      return {
        OR: [
          { attentionReason: { not: null } },
          { messages: { some: { role: "customer", confidence: { lt: LOW_CONFIDENCE } } } },
        ],
      };
    default:
      return {};
  }
}

export async function listInboxView(f: InboxFilter & { view: InboxView }, userId: number | null) {
  const where: Prisma.ConversationWhereInput = { AND: [inboxWhere(f), viewWhere(f.view, userId)] };
  const orderBy: Prisma.ConversationOrderByWithRelationInput[] =
    f.view === "queue" ? [{ attentionSince: "asc" }, { id: "asc" }] : [{ lastMessageAt: "desc" }, { id: "desc" }];
  const [rows, total] = await Promise.all([
    db().conversation.findMany({
      where,
      orderBy,
      skip: (f.page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: {
        id: true,
        chatId: true,
        channel: true,
        botEnabled: true,
        customerName: true,
        lastMessageAt: true,
        lastMessagePreview: true,
        lastIntent: true,
        saleState: true,
        messageCount: true,
        attentionReason: true,
        attentionSince: true,
        client: { select: { id: true, name: true } },
        takenOverBy: { select: { id: true, name: true } },
        orders: { orderBy: { id: "desc" }, take: 1, select: { customerName: true, customerPhone: true } },
      },
    }),
    db().conversation.count({ where }),
  ]);
  const unread = await unreadCounts(
    rows.map((r) => r.id),
    userId,
  );
  return { rows: rows.map((r) => ({ ...r, unread: unread.get(r.id) ?? 0 })), total };
}

/** Unread customer messages per conversation for one user (everything after what they last saw). */
export async function unreadCounts(conversationIds: number[], userId: number | null): Promise<Map<number, number>> {
  if (userId === null || conversationIds.length === 0) return new Map();
  const reads = await db().conversationRead.findMany({
    where: { userId, conversationId: { in: conversationIds } },
    select: { conversationId: true, lastReadMessageId: true },
  });
  const marker = new Map(reads.map((r) => [r.conversationId, r.lastReadMessageId]));
  const counts = await Promise.all(
    conversationIds.map((id) =>
      db().message.count({ where: { conversationId: id, role: "customer", id: { gt: marker.get(id) ?? 0 } } }),
    ),
  );
  return new Map(conversationIds.map((id, i) => [id, counts[i] ?? 0]));
}

export type InboxCounts = {
  /** conversations with customer messages this user has not seen */
  unread: number;
  /** conversations waiting for a person */
  waiting: number;
  /** the newest conversation's id: a change tells the browser a new conversation arrived */
  newestId: number;
};

export async function inboxCounts(userId: number | null): Promise<InboxCounts> {
  const [recent, waiting, newest] = await Promise.all([
    db().conversation.findMany({ orderBy: { lastMessageAt: "desc" }, take: UNREAD_WINDOW, select: { id: true } }),
    db().conversation.count({ where: { attentionSince: { not: null } } }),
    db().conversation.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  let unread = 0;
  if (userId !== null && recent.length > 0) {
    const ids = recent.map((r) => r.id);
    const [latest, reads] = await Promise.all([
      db().message.groupBy({
        by: ["conversationId"],
        where: { conversationId: { in: ids }, role: "customer" },
        _max: { id: true },
      }),
      db().conversationRead.findMany({
        where: { userId, conversationId: { in: ids } },
        select: { conversationId: true, lastReadMessageId: true },
      }),
    ]);
    const marker = new Map(reads.map((r) => [r.conversationId, r.lastReadMessageId]));
    unread = latest.filter((l) => (l._max.id ?? 0) > (marker.get(l.conversationId) ?? 0)).length;
  }
  return { unread, waiting, newestId: newest?.id ?? 0 };
}

/** The user has seen the conversation up to `messageId`; the marker never moves back. */
export async function markConversationRead(userId: number, conversationId: number, messageId: number) {
  await db().conversationRead.upsert({
    where: { userId_conversationId: { userId, conversationId } },
    create: { userId, conversationId, lastReadMessageId: messageId },
    update: { readAt: new Date() },
  });
  // only forward: a slower, older request must not undo a newer mark
  await db().conversationRead.updateMany({
    where: { userId, conversationId, lastReadMessageId: { lt: messageId } },
    data: { lastReadMessageId: messageId },
  });
}
