import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Private notes and canned replies of the inbox. Notes live in their own table, never in Message: the
// customer's history, the channel outbox and the realtime `message` events read Message only.

export async function addConversationNote(chatId: string, text: string, principal: Principal) {
  const conversation = await db().conversation.findUnique({ where: { chatId }, select: { id: true } });
  if (!conversation) throw new AppError("not_found", "La conversación no existe.");
  const authorId = principal.kind === "user" ? principal.id : null;
  return db().$transaction(async (tx) => {
    const note = await tx.conversationNote.create({
      data: { conversationId: conversation.id, authorId, text },
      select: { id: true, text: true, createdAt: true },
    });
    await recordAudit(
      principal,
      { action: "conversation.note", entityType: "conversation", entityId: chatId, after: { noteId: note.id } },
      tx,
    );
    return note;
  });
}

export function listConversationNotes(conversationId: number) {
  return db().conversationNote.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, text: true, createdAt: true, author: { select: { name: true } } },
  });
}

export function listCannedReplies() {
  return db().cannedReply.findMany({
    orderBy: { shortcut: "asc" },
    select: { id: true, shortcut: true, text: true, updatedAt: true },
  });
}

export async function saveCannedReply(input: { id?: number; shortcut: string; text: string }, principal: Principal) {
  const updatedById = principal.kind === "user" ? principal.id : null;
  const clash = await db().cannedReply.findUnique({ where: { shortcut: input.shortcut } });
  if (clash && clash.id !== input.id) {
    throw new AppError("conflict", `Ya existe una respuesta rápida con el atajo /${input.shortcut}.`, {
      fields: { shortcut: "Ese atajo ya está en uso." },
    });
  }
  return db().$transaction(async (tx) => {
    const before = input.id ? await tx.cannedReply.findUnique({ where: { id: input.id } }) : null;
    if (input.id && !before) throw new AppError("not_found", "La respuesta rápida no existe.");
    const saved = input.id
      ? await tx.cannedReply.update({
          where: { id: input.id },
          data: { shortcut: input.shortcut, text: input.text, updatedById },
        })
      : await tx.cannedReply.create({ data: { shortcut: input.shortcut, text: input.text, updatedById } });
    await recordAudit(
      principal,
      {
        action: input.id ? "canned_reply.update" : "canned_reply.create",
        entityType: "canned_reply",
        entityId: saved.id,
        before: before ? { shortcut: before.shortcut, text: before.text } : undefined,
        after: { shortcut: saved.shortcut, text: saved.text },
      },
      tx,
    );
    return saved;
  });
}

export async function deleteCannedReply(id: number, principal: Principal) {
  return db().$transaction(async (tx) => {
    const before = await tx.cannedReply.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found", "La respuesta rápida no existe.");
    await tx.cannedReply.delete({ where: { id } });
    await recordAudit(
      principal,
      {
        action: "canned_reply.delete",
        entityType: "canned_reply",
        entityId: id,
        before: { shortcut: before.shortcut, text: before.text },
      },
      tx,
    );
  });
}
