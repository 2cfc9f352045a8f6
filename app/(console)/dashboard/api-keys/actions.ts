"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { ROLES } from "@/lib/auth/permissions";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";
import { idSchema } from "@/lib/http/ids";

export const createApiKeyAction = guardedAction(
  "apikeys:manage",
  z.strictObject({
    name: z.string().trim().min(3, "Dale un nombre a la clave (mínimo 3 caracteres).").max(80),
    role: z.enum(ROLES, { error: "Rol inválido." }),
  }),
  async (input, principal) => {
    const created = await createApiKey(input, principal);
    revalidatePath("/dashboard/api-keys");
    return { id: created.id, key: created.key, prefix: created.prefix };
  },
);

export const revokeApiKeyAction = guardedAction(
  "apikeys:manage",
  z.strictObject({ id: idSchema }),
  async ({ id }, principal) => {
    await revokeApiKey(id, principal);
    revalidatePath("/dashboard/api-keys");
    return { id };
  },
);
