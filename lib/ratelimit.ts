import Redis from "ioredis";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// Fixed-window counters. In memory by default; shared through Redis (INCR + PEXPIRE) when REDIS_URL is
// set, so a limit holds across instances.
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
  /** Releases connections (Redis); optional so existing stores stay valid. */
  close?(): Promise<void>;
}

export function createMemoryStore(): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
      }
      w.count += 1;
      return { ...w };
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

export function createRedisStore(url: string): RateLimitStore {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  // Without a listener ioredis reports every failed reconnect as an "Unhandled error event"; the failure
  // itself reaches callers as a rejected hit() (the per-IP limit fails open, the chat limit answers 503).
  redis.on("error", (err) => log.warn("redis rate-limit store error", { err }));
  // A limiter outage is the service being unavailable (503 in Spanish), not an internal error.
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw new AppError("unavailable", undefined, { cause: err });
    }
  };
  return {
    hit: (key, windowMs) =>
      guarded(async () => {
        const k = `sextinvalle:rl:${key}`;
        const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [[null, number], [null, number]];
        let remainingMs = ttl;
        if (ttl < 0) {
          await redis.pexpire(k, windowMs);
          remainingMs = windowMs;
        }
        return { count, resetAt: Date.now() + remainingMs };
      }),
    reset: (key) =>
      guarded(async () => {
        await redis.del(`sextinvalle:rl:${key}`);
      }),
    async close() {
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
    },
  };
}

const globalForRl = globalThis as unknown as { __sextinvalleRl?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  globalForRl.__sextinvalleRl ??= env().REDIS_URL ? createRedisStore(env().REDIS_URL as string) : createMemoryStore();
  return globalForRl.__sextinvalleRl;
}

export type Limit = { name: string; max: number; windowMs: number };

export async function checkRateLimit(
  limit: Limit,
  subject: string,
  store = rateLimitStore(),
): Promise<RateLimitResult> {
  const { count, resetAt } = await store.hit(`${limit.name}:${subject}`, limit.windowMs);
  return {
    allowed: count <= limit.max,
    remaining: Math.max(0, limit.max - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
  };
}

/** Throws a 429 AppError (with Retry-After) when the subject is over the limit. */
export async function enforceRateLimit(limit: Limit, subject: string, message?: string): Promise<void> {
  const result = await checkRateLimit(limit, subject);
  if (!result.allowed) {
    throw new AppError("rate_limited", message, { retryAfterSeconds: result.retryAfterSeconds });
  }
}

export const LIMITS = {
  chat: { name: "chat", max: 30, windowMs: 60_000 },
  // every WebSocket frame from one address (turns also count against `chat`, shared with HTTP)
  websocket: { name: "ws", max: 60, windowMs: 60_000 },
  wsUpgrade: { name: "ws-upgrade", max: 30, windowMs: 60_000 },
  loginFailures: { name: "login", max: 5, windowMs: 5 * 60_000 },
  exports: { name: "exports", max: 5, windowMs: 5 * 60_000 },
  perIp: { name: "ip", max: 200, windowMs: 60_000 },
  // conversation ids that were unknown or not the caller's (someone trying ids)
  chatProbe: { name: "chat-probe", max: 20, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;
