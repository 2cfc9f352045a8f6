"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { passwordSchema, passwordWeakness } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/auth/permissions";
import { createUser, resetUserPassword, updateUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/http/ids";

// length, letters and digits, and not a common or leaked password (zxcvbn-ts): lib/auth/password-policy.ts
const password = passwordSchema;
const role = z.enum(ROLES, { error: "Rol inválido." });
const id = idSchema;

export const createUserAction = guardedAction(
  "users:manage",
  z
    .strictObject({
      email: z.string().trim().toLowerCase().email("Correo inválido."),
      name: z.string().trim().min(2, "El nombre es obligatorio.").max(120),
      role,
      password,
    })
    .superRefine((input, ctx) => {
      // not the person's own name or e-mail either
      const weakness = passwordWeakness(input.password, [input.name, input.email]);
      if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
    }),
  async (input, principal) => {
    const user = await createUser(input, principal);
    revalidatePath("/dashboard/users");
    return { id: user.id };
  },
);

export const changeUserRoleAction = guardedAction(
  "users:manage",
  z.strictObject({ id, role }),
  async (input, principal) => {
    if (principal.kind === "user" && principal.id === input.id) {
      throw new AppError("conflict", "No puedes cambiar tu propio rol.");
    }
    await updateUser(input.id, { role: input.role }, principal);
    revalidatePath("/dashboard/users");
    return { id: input.id };
  },
);

export const setUserActiveAction = guardedAction(
  "users:manage",
  z.strictObject({ id, active: z.boolean() }),
  async (input, principal) => {
    if (principal.kind === "user" && principal.id === input.id && !input.active) {
      throw new AppError("conflict", "No puedes desactivar tu propia cuenta.");
    }
    await updateUser(input.id, { active: input.active }, principal);
    revalidatePath("/dashboard/users");
    return { id: input.id };
  },
);

export const resetPasswordAction = guardedAction(
  "users:manage",
  z.strictObject({ id, password }),
  async (input, principal) => {
    await resetUserPassword(input.id, input.password, principal);
    return { id: input.id };
  },
);
