import Redis from "ioredis";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// Fixed-window counters. In memory by default; shared through Redis (INCR + PEXPIRE) when REDIS_URL is
// set, so a limit holds across instances, falling back to memory while Redis is away.
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
  /** Rejects when the shared store is unreachable (health checks); absent for in-memory stores. */
  ping?(): Promise<void>;
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

/** How long a limiter command may take before the decision is made from memory instead. */
const REDIS_DECISION_MS = 400;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Counters in Redis, shared by every instance. While Redis is unreachable (or slow) each decision is made
 * at once from this instance's memory, so limits still hold per instance and nothing waits on a dead
 * connection: chat, login and every other limited door keep working, and recover the shared counts by
 * themselves when Redis is back.
 */
export function createRedisStore(url: string): RateLimitStore {
  // No offline queue: a command while disconnected fails at once instead of waiting for a reconnect.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  const memory = createMemoryStore();
  let down = false;
  let everReady = false;
  const failed = (err: unknown) => {
    if (!down) log.warn("redis rate-limit store unavailable; limiting from memory", { err });
    down = true;
  };
  redis.on("error", (err) => failed(err));
  redis.on("ready", () => {
    if (down) log.info("redis rate-limit store back");
    down = false;
    everReady = true;
  });
  const usable = () => redis.status === "ready";
  // Just created: the first connection is worth a short wait, so an instance does not start out counting alone.
  const connected = async () => {
    if (usable() || everReady || !["wait", "connecting", "connect"].includes(redis.status)) return usable();
    await within(new Promise((r) => redis.once("ready", r)), REDIS_DECISION_MS).catch(() => undefined);
    return usable();
  };
  return {
    async hit(key, windowMs) {
      if (!(await connected())) {
        failed(new Error(`redis ${redis.status}`));
        return memory.hit(key, windowMs);
      }
      try {
        const k = `sextinvalle:rl:${key}`;
        const [[, count], [, ttl]] = (await within(redis.multi().incr(k).pttl(k).exec(), REDIS_DECISION_MS)) as [
          [null, number],
          [null, number],
        ];
        let remainingMs = ttl;
        if (ttl < 0) {
          await within(redis.pexpire(k, windowMs), REDIS_DECISION_MS);
          remainingMs = windowMs;
        }
        return { count, resetAt: Date.now() + remainingMs };
      } catch (err) {
        failed(err);
        return memory.hit(key, windowMs);
      }
    },
    async reset(key) {
      await memory.reset(key);
      if (!usable()) return;
      await within(redis.del(`sextinvalle:rl:${key}`), REDIS_DECISION_MS).catch(failed);
    },
    async ping() {
      if (!usable()) throw new AppError("unavailable", `Redis no está disponible (${redis.status}).`);
      await within(redis.ping(), REDIS_DECISION_MS);
    },
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
