"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { publishGlobalBot, publishMessage, publishNote, publishTakeover } from "@/lib/console/inbox-events";
import { postStaffReply, releaseConversation, takeOverConversation, transferConversation } from "@/lib/db/inbox";
import { addConversationNote } from "@/lib/db/inbox-notes";
import { setGlobalBotSetting } from "@/lib/db/settings";

const chatId = z.string().trim().min(1).max(100);
const optionalReason = z.string().trim().max(300).optional().default("");

export const takeOverAction = guardedAction(
  "conversations:takeover",
  z.strictObject({ chatId, reason: optionalReason }),
  async (input, principal) => {
    const notice = await takeOverConversation(input.chatId, principal, input.reason || null);
    await publishTakeover(input.chatId, false, principal.name);
    await publishMessage(input.chatId, notice);
    revalidatePath(`/dashboard/conversations/${input.chatId}`);
    return { ok: true };
  },
);

export const releaseAction = guardedAction(
  "conversations:takeover",
  z.strictObject({ chatId, reason: optionalReason }),
  async (input, principal) => {
    const notice = await releaseConversation(input.chatId, principal, input.reason || null);
    await publishTakeover(input.chatId, true, null);
    await publishMessage(input.chatId, notice);
    revalidatePath(`/dashboard/conversations/${input.chatId}`);
    return { ok: true };
  },
);

export const staffReplyAction = guardedAction(
  "conversations:takeover",
  z.strictObject({
    chatId,
    text: z.string().trim().min(1, "Escribe un mensaje.").max(2000, "El mensaje supera 2000 caracteres."),
  }),
  async (input, principal) => {
    const message = await postStaffReply(input.chatId, input.text, principal);
    await publishMessage(input.chatId, message);
    return { id: message.id };
  },
);

export const setGlobalBotAction = guardedAction(
  "bot:global-toggle",
  z
    .strictObject({ enabled: z.boolean(), reason: z.string().trim().max(300).optional().default("") })
    .refine((v) => v.enabled || v.reason.length >= 3, {
      path: ["reason"],
      message: "Indica por qué apagas el asesor virtual (mínimo 3 caracteres).",
    }),
  async (input, principal) => {
    const setting = await setGlobalBotSetting({ enabled: input.enabled, reason: input.reason || null }, principal);
    await publishGlobalBot(setting.enabled, setting.reason);
    revalidatePath("/dashboard/conversations");
    return setting;
  },
);

export const transferAction = guardedAction(
  "conversations:takeover",
  z.strictObject({ chatId, toUserId: z.number().int().positive("Elige a quién transferir.") }),
  async (input, principal) => {
    const { notice, to } = await transferConversation(input.chatId, input.toUserId, principal);
    await publishTakeover(input.chatId, false, to.name);
    await publishMessage(input.chatId, notice);
    revalidatePath(`/dashboard/conversations/${input.chatId}`);
    return { to: to.name };
  },
);

/** A private note for the team: stored apart from the messages, never sent to the customer. */
export const addNoteAction = guardedAction(
  "conversations:takeover",
  z.strictObject({
    chatId,
    text: z.string().trim().min(1, "Escribe la nota.").max(2000, "La nota supera 2000 caracteres."),
  }),
  async (input, principal) => {
    const note = await addConversationNote(input.chatId, input.text, principal);
    await publishNote(input.chatId);
    return { id: note.id };
  },
);
