"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { deleteCannedReply, saveCannedReply } from "@/lib/db/inbox-notes";

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{2,30}$/, "El atajo lleva de 2 a 30 letras sin tildes, números, - o _ (sin espacios).");

export const saveCannedReplyAction = guardedAction(
  "settings:manage",
  z.strictObject({
    id: z.number().int().positive().optional(),
    shortcut,
    text: z.string().trim().min(2, "Escribe el texto de la respuesta.").max(2000, "El texto supera 2000 caracteres."),
  }),
  async (input, principal) => {
    const saved = await saveCannedReply(input, principal);
    revalidatePath("/dashboard/canned-replies");
    return { id: saved.id };
  },
);

export const deleteCannedReplyAction = guardedAction(
  "settings:manage",
  z.strictObject({ id: z.number().int().positive() }),
  async ({ id }, principal) => {
    await deleteCannedReply(id, principal);
    revalidatePath("/dashboard/canned-replies");
    return { ok: true };
  },
);
