"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guards";
import { registerTelegramWebhook, retryDelivery } from "@/lib/channels/admin";
import { idSchema } from "@/lib/http/ids";

async function requestOrigin(): Promise<string | null> {
  const h = await headers();
  const host = h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : null;
}

export const registerTelegramWebhookAction = guardedAction(
  "settings:manage",
  z.strictObject({ confirm: z.literal(true) }),
  async (_input, principal) => {
    const result = await registerTelegramWebhook(await requestOrigin(), principal);
    revalidatePath("/dashboard/channels");
    return result;
  },
);

// staff who answer customers may send their failed reply again; the channel settings stay with administrators
export const retryDeliveryAction = guardedAction(
  "conversations:takeover",
  z.strictObject({ id: idSchema }),
  async ({ id }, principal) => {
    const result = await retryDelivery(id, principal);
    revalidatePath("/dashboard/channels");
    revalidatePath("/dashboard/conversations", "layout");
    return result;
  },
);
