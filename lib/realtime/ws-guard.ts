import type { Duplex } from "node:stream";
import { env } from "@/lib/env";
import { AppError, errorBody } from "@/lib/errors";
import { checkRateLimit, LIMITS } from "@/lib/ratelimit";

// The WebSocket's door policy, decided before a socket is upgraded: upgrades per address per minute, and
// open connections per address and in total (one instance's sockets; each holds memory and a bus listener).
export type ConnectionSlot = { release: () => void };

export function createConnectionSlots(limits?: { perAddress: number; total: number }) {
  const open = new Map<string, number>();
  let total = 0;
  const caps = () => limits ?? { perAddress: env().WS_MAX_CONNECTIONS_PER_IP, total: env().WS_MAX_CONNECTIONS };
  return {
    /** Reserves a slot for `address`, or throws 429 (this address) / 503 (the whole server is full). */
    take(address: string): ConnectionSlot {
      const { perAddress, total: max } = caps();
      const mine = open.get(address) ?? 0;
      if (total >= max)
        throw new AppError("unavailable", "El chat en tiempo real está lleno en este momento. Intenta en un minuto.", {
          retryAfterSeconds: 30,
        });
      if (mine >= perAddress)
        throw new AppError(
          "rate_limited",
          `Ya tienes ${perAddress} conversaciones abiertas desde esta conexión. Cierra alguna e intenta de nuevo.`,
          { retryAfterSeconds: 10 },
        );
      open.set(address, mine + 1);
      total += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          total -= 1;
          const left = (open.get(address) ?? 1) - 1;
          if (left <= 0) open.delete(address);
          else open.set(address, left);
        },
      };
    },
    get total() {
      return total;
    },
  };
}

/** 429 once an address has opened LIMITS.wsUpgrade connections in the window (closed ones included). */
export async function enforceUpgradeRate(address: string): Promise<void> {
  const result = await checkRateLimit(LIMITS.wsUpgrade, `ip:${address}`);
  if (!result.allowed)
    throw new AppError("rate_limited", "Demasiadas conexiones nuevas desde esta dirección. Espera un momento.", {
      retryAfterSeconds: result.retryAfterSeconds,
    });
}

const REASONS: Record<number, string> = { 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" };

/** Answers a refused upgrade as plain HTTP (the same error body as the REST API) and drops the socket. */
export function refuseUpgrade(socket: Duplex, error: AppError): void {
  const body = JSON.stringify(errorBody(error));
  const retry = error.retryAfterSeconds !== undefined ? `Retry-After: ${error.retryAfterSeconds}\r\n` : "";
  socket.end(
    `HTTP/1.1 ${error.status} ${REASONS[error.status] ?? "Error"}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `${retry}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
