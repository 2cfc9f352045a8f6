import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/clients";
import { enqueueChannelCopy } from "@/lib/db/outbox";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const INBOX_PAGE_SIZE = 30;
export const TAKEOVER_NOTICE = "Un asesor de Sextinvalle está atendiendo esta conversación.";

/** What the customer reads when a named person takes the chat ("Te atiende Carlos, asesor de Sextinvalle."). */
export function takeoverNotice(name: string | null): string {
  return name ? `Te atiende ${name}, asesor de Sextinvalle.` : TAKEOVER_NOTICE;
}

export function transferNotice(name: string): string {
  return `Ahora te atiende ${name}, asesor de Sextinvalle.`;
}
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

/** How many of the newest messages a thread opens with. */
export const THREAD_MESSAGES = 300;

export async function getConversationDetail(chatId: string) {
  const conversation = await db().conversation.findUnique({
    where: { chatId },
    include: {
      client: true,
      takenOverBy: { select: { id: true, name: true } },
      messages: {
        orderBy: { id: "desc" },
        take: THREAD_MESSAGES,
        select: { id: true, role: true, text: true, intent: true, createdAt: true, author: { select: { name: true } } },
      },
      orders: { orderBy: { id: "desc" }, take: 1, include: { lines: { orderBy: { id: "asc" } } } },
    },
  });
  // the newest messages, shown oldest first
  return conversation ? { ...conversation, messages: conversation.messages.reverse() } : null;
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
    // a person now attends: the conversation leaves the "esperando asesor" queue
    const claimed = await tx.conversation.updateMany({
      where: { id: conversation.id, botEnabled: true },
      data: {
        botEnabled: false,
        takenOverById: userId,
        takenOverAt: new Date(),
        attentionReason: null,
        attentionSince: null,
      },
    });
    if (claimed.count === 0) throw new AppError("conflict", "Otro asesor tomó esta conversación hace un momento.");
    const notice = await postMessage(
      tx,
      conversation.id,
      "system",
      takeoverNotice(principal.kind === "user" ? principal.name : null),
      null,
    );
    await recordAudit(
      principal,
      {
        action: "conversation.takeover",
        entityType: "conversation",
        entityId: chatId,
        before: { botEnabled: true, attentionReason: conversation.attentionReason },
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

/** Hands an attended conversation to another staff member; the customer is told who attends now. */
export async function transferConversation(chatId: string, toUserId: number, principal: Principal) {
  const conversation = await findOrFail(chatId);
  if (conversation.botEnabled) {
    throw new AppError("conflict", "Toma la conversación antes de transferirla: la atiende el asesor virtual.");
  }
  if (conversation.takenOverById === toUserId)
    throw new AppError("conflict", "Esa persona ya atiende esta conversación.");
  const target = await db().user.findUnique({
    where: { id: toUserId },
    select: { id: true, name: true, role: true, active: true },
  });
  if (!target?.active || !["admin", "ventas"].includes(target.role)) {
    throw new AppError("invalid_input", "Elige a alguien del equipo que pueda atender conversaciones.");
  }
  return db().$transaction(async (tx) => {
    const moved = await tx.conversation.updateMany({
      where: { id: conversation.id, botEnabled: false, takenOverById: conversation.takenOverById },
      data: { takenOverById: target.id, takenOverAt: new Date() },
    });
    if (moved.count === 0)
      throw new AppError("conflict", "La conversación cambió de manos hace un momento. Recarga la página.");
    const notice = await postMessage(tx, conversation.id, "system", transferNotice(target.name), null);
    await recordAudit(
      principal,
      {
        action: "conversation.transfer",
        entityType: "conversation",
        entityId: chatId,
        before: { takenOverById: conversation.takenOverById },
        after: { takenOverById: target.id },
      },
      tx,
    );
    return { notice, to: target };
  });
}

/** Staff who can attend conversations (the transfer list). */
export function listAttendingStaff() {
  return db().user.findMany({
    where: { active: true, role: { in: ["admin", "ventas"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
