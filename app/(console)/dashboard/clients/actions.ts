"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { updateClientContact } from "@/lib/db/clients";
import { idSchema } from "@/lib/http/ids";

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: máximo ${max} caracteres.`)
    .transform((v) => (v === "" ? null : v));

export const updateClientAction = guardedAction(
  "clients:write",
  z.strictObject({
    id: idSchema,
    contact: z.strictObject({
      name: z.string().trim().min(2, "El nombre es obligatorio.").max(120, "Nombre demasiado largo."),
      phone: optional(20, "Celular").refine((v) => v === null || /^\+?[\d\s-]{7,20}$/.test(v), "Celular inválido."),
      email: optional(200, "Correo").refine(
        (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v),
        "Correo inválido.",
      ),
      address: optional(200, "Dirección"),
      city: optional(80, "Ciudad"),
      neighborhood: optional(80, "Barrio"),
      notes: optional(1000, "Notas"),
    }),
  }),
  async ({ id, contact }, principal) => {
    await updateClientContact(id, contact, principal);
    revalidatePath(`/dashboard/clients/${id}`);
    return { id };
  },
);
