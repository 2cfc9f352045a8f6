"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { saveCompanyInfo } from "@/lib/db/company";

export const saveCompanyInfoAction = guardedAction(
  "settings:manage",
  z.strictObject({
    content: z
      .string()
      .trim()
      .min(20, "El texto de la empresa es demasiado corto.")
      .max(50_000, "Máximo 50.000 caracteres."),
    expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
  }),
  async (input, principal) => {
    const saved = await saveCompanyInfo(input.content, principal, input.expectedVersion);
    revalidatePath("/dashboard/company");
    return { version: saved.version };
  },
);
