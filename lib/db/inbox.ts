import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/clients";
import { enqueueChannelCopy } from "@/lib/db/outbox";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const INBOX_PAGE_SIZE = 30;
export const TAKEOVER_NOTICE = "Un asesor de Sextinvalle está atendiendo esta conversación.";
export const RELEASE_NOTICE = "El asesor virtual de Sextinvalle retoma la conversación.";

export type InboxFilter = { q: string; mode: "all" | "bot" | "human"; page: number };

export function inboxWhere(f: InboxFilter): Prisma.ConversationWhereInput {
  const and: Prisma.ConversationWhereInput[] = [];
  if (f.mode !== "all") and.push({ botEnabled: f.mode === "bot" });
  const term = f.q.trim();
  if (term) {
    and.push({
      OR: [
        { chatId: { contains: term } },
        { customerName: containsInsensitive(term) },
        { client: { name: containsInsensitive(term) } },
        { lastMessagePreview: containsInsensitive(term) },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

export async function listConversations(f: InboxFilter) {
  const where = inboxWhere(f);
  const [rows, total] = await Promise.all([
    db().conversation.findMany({
      where,
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
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
        client: { select: { id: true, name: true } },
        takenOverBy: { select: { name: true } },
      },
    }),
    db().conversation.count({ where }),
  ]);
  return { rows, total };
}

export function getConversationDetail(chatId: string) {
  return db().conversation.findUnique({
    where: { chatId },
    include: {
      client: true,
      takenOverBy: { select: { id: true, name: true } },
      messages: {
        orderBy: { id: "asc" },
        take: 1000,
        select: { id: true, role: true, text: true, intent: true, createdAt: true, author: { select: { name: true } } },
      },
      orders: { orderBy: { id: "desc" }, take: 1, include: { lines: { orderBy: { id: "asc" } } } },
    },
  });
}

export type PostedMessage = { id: number; role: string; text: string; createdAt: Date };

async function postMessage(
  tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0],
  conversationId: number,
  role: "staff" | "system",
  text: string,
  authorId: number | null,
): Promise<PostedMessage> {
  const message = await tx.message.create({
    data: { conversationId, role, text, authorId },
    select: { id: true, role: true, text: true, createdAt: true },
  });
  // a Telegram/WhatsApp customer gets staff replies and notices through their channel (same transaction)
  await enqueueChannelCopy(tx, conversationId, message);
  await tx.conversation.update({
    where: { id: conversationId },
    data: { lastMessageAt: message.createdAt, lastMessagePreview: text.slice(0, 140), messageCount: { increment: 1 } },
  });
  return message;
}

async function findOrFail(chatId: string) {
  const conversation = await db().conversation.findUnique({ where: { chatId } });
  if (!conversation) throw new AppError("not_found", "La conversación no existe.");
  return conversation;
}

/** Pauses the bot for one chat and tells the customer a person is attending. */
export async function takeOverConversation(chatId: string, principal: Principal, reason: string | null) {
  const conversation = await findOrFail(chatId);
  if (!conversation.botEnabled) throw new AppError("conflict", "Esta conversación ya está en manos de un asesor.");
  const userId = principal.kind === "user" ? principal.id : null;
  return db().$transaction(async (tx) => {
    const claimed = await tx.conversation.updateMany({
      where: { id: conversation.id, botEnabled: true },
      data: { botEnabled: false, takenOverById: userId, takenOverAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("conflict", "Otro asesor tomó esta conversación hace un momento.");
    const notice = await postMessage(tx, conversation.id, "system", TAKEOVER_NOTICE, null);
    await recordAudit(
      principal,
      {
        action: "conversation.takeover",
        entityType: "conversation",
        entityId: chatId,
        before: { botEnabled: true },
        after: { botEnabled: false, takenOverById: userId },
        reason,
      },
      tx,
    );
    return notice;
  });
}

/** "Devolver al bot": the agent answers again from the next customer message. */
export async function releaseConversation(chatId: string, principal: Principal, reason: string | null) {
  const conversation = await findOrFail(chatId);
  if (conversation.botEnabled) throw new AppError("conflict", "El asesor virtual ya atiende esta conversación.");
  return db().$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversation.id },
      data: { botEnabled: true, takenOverById: null, takenOverAt: null },
    });
    const notice = await postMessage(tx, conversation.id, "system", RELEASE_NOTICE, null);
    await recordAudit(
      principal,
      {
        action: "conversation.release",
        entityType: "conversation",
        entityId: chatId,
        before: { botEnabled: false, takenOverById: conversation.takenOverById },
        after: { botEnabled: true },
        reason,
      },
      tx,
    );
    return notice;
  });
}

/** A staff reply; only while the conversation is taken over, so the bot and a person never talk at once. */
export async function postStaffReply(chatId: string, text: string, principal: Principal) {
  const conversation = await findOrFail(chatId);
  if (conversation.botEnabled) {
    throw new AppError("conflict", "Toma la conversación antes de responder: el asesor virtual la está atendiendo.");
  }
  const userId = principal.kind === "user" ? principal.id : null;
  return db().$transaction(async (tx) => {
    const message = await postMessage(tx, conversation.id, "staff", text, userId);
    await recordAudit(
      principal,
      {
        action: "conversation.reply",
        entityType: "conversation",
        entityId: chatId,
        after: { messageId: message.id, text },
      },
      tx,
    );
    return message;
  });
}
