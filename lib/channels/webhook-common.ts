import { createHmac, timingSafeEqual } from "node:crypto";
import { withTimeout } from "@/lib/chat/shapes";
import { type NewChannelEvent, storeChannelEvents } from "@/lib/db/channel-events";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";

// What both webhooks share: constant-time secret checks, and storing deliveries so that a database outage
// answers 503 quickly (the provider then retries) instead of hanging or returning a 500.
export function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw body with the app secret. */
export function validHubSignature(header: string | null, body: Uint8Array, appSecret: string): boolean {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "")?.[1];
  if (!hex) return false;
  const expected = createHmac("sha256", appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(hex, "hex"), expected);
}

const DB_DEADLINE_MS = 5_000;

export function databaseUnavailable(cause: unknown): AppError {
  return new AppError("unavailable", "No pudimos guardar la entrega en este momento; el proveedor la reintentará.", {
    detailCode: "base_de_datos_no_disponible",
    retryAfterSeconds: 5,
    cause,
  });
}

/** Runs database work for a webhook: any failure or a slow database is a 503 so the provider retries. */
export async function forWebhook<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(work(), DB_DEADLINE_MS, "La base de datos tardó demasiado.");
  } catch (error) {
    if (isAppError(error) && error.code !== "unavailable") throw error;
    log.warn("webhook could not store a delivery; answering 503", { err: error });
    throw databaseUnavailable(error);
  }
}

export function storeForWebhook(events: readonly NewChannelEvent[]): Promise<number> {
  return forWebhook(() => storeChannelEvents(events));
}
