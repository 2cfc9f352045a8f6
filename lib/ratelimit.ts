import Redis from "ioredis";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// Fixed-window counters. In memory by default; shared through Redis (one script: INCR, and PEXPIRE on a new
// key) when REDIS_URL is set, so a limit holds across instances, falling back to memory while Redis is away.
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export type Hit = { count: number; resetAt: number };
/** One counter of a combined hit: its key, its window, and the count above which it refuses. */
export type HitRequest = { key: string; windowMs: number; max: number };

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<Hit>;
  /**
   * Counts the keys in order as one step and stops after the first one over its `max`: the keys after it are not
   * counted. Absent on a store that only counts one key at a time (then checkRateLimits calls `hit` in turn).
   */
  hitInOrder?(requests: readonly HitRequest[]): Promise<Hit[]>;
  reset(key: string): Promise<void>;
  /** Rejects when the shared store is unreachable (health checks); absent for in-memory stores. */
  ping?(): Promise<void>;
  /** Releases connections (Redis); optional so existing stores stay valid. */
  close?(): Promise<void>;
}

type MemoryStore = RateLimitStore & Required<Pick<RateLimitStore, "hitInOrder">>;

export function createMemoryStore(): MemoryStore {
  const windows = new Map<string, Hit>();
  const hit = (key: string, windowMs: number): Hit => {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      windows.set(key, w);
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
    }
    w.count += 1;
    return { ...w };
  };
  return {
    async hit(key, windowMs) {
      return hit(key, windowMs);
    },
    async hitInOrder(requests) {
      const hits: Hit[] = [];
      for (const r of requests) {
        const h = hit(r.key, r.windowMs);
        hits.push(h);
        if (h.count > r.max) break;
      }
      return hits;
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

// INCR each key in order, PEXPIRE a new one (or one left without a TTL) in the same step, stop after the first
// over its max. One round trip per decision, and a key can never be left without its expiry by a crash between
// two commands. ARGV holds each key's window and max; the reply is count, ms left, for each key counted.
// (Under Redis Cluster the keys of one call would need a common hash tag; this project runs a single Redis.)
const HIT_IN_ORDER = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    ttl = tonumber(ARGV[2 * i - 1])
    redis.call('PEXPIRE', key, ttl)
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
  if count > tonumber(ARGV[2 * i]) then break end
end
return out`;

type ScriptedRedis = Redis & { hitInOrder(numberOfKeys: number, ...args: (string | number)[]): Promise<number[]> };

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
  }) as ScriptedRedis;
  // EVALSHA, and EVAL once when the server does not know the script yet (first use, or after a restart)
  redis.defineCommand("hitInOrder", { lua: HIT_IN_ORDER });
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
  const hitInOrder = async (requests: readonly HitRequest[]): Promise<Hit[]> => {
    if (!(await connected())) {
      failed(new Error(`redis ${redis.status}`));
      return memory.hitInOrder(requests);
    }
    try {
      const keys = requests.map((r) => `sextinvalle:rl:${r.key}`);
      const args = requests.flatMap((r) => [r.windowMs, r.max]);
      const reply = await within(redis.hitInOrder(keys.length, ...keys, ...args), REDIS_DECISION_MS);
      const now = Date.now();
      const hits: Hit[] = [];
      for (let i = 0; i + 1 < reply.length; i += 2)
        hits.push({ count: Number(reply[i]), resetAt: now + Number(reply[i + 1]) });
      return hits;
    } catch (err) {
      failed(err);
      return memory.hitInOrder(requests);
    }
  };
  return {
    async hit(key, windowMs) {
      // a max no count reaches (the script compares numbers, and has no infinity)
      const [h] = await hitInOrder([{ key, windowMs, max: Number.MAX_SAFE_INTEGER }]);
      return h ?? { count: 1, resetAt: Date.now() + windowMs };
    },
    hitInOrder,
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
  return resultOf(limit, await store.hit(`${limit.name}:${subject}`, limit.windowMs));
}

/**
 * Several limits decided together, in order, in one store call (one Redis round trip): each is counted until one
 * refuses, and the ones after it are not counted, as if each were checked only once the previous one allowed.
 * `refused` is the index of the refusing limit, -1 when all allow.
 */
export async function checkRateLimits(
  checks: ReadonlyArray<readonly [Limit, string]>,
  store = rateLimitStore(),
): Promise<{ refused: number; results: RateLimitResult[] }> {
  const requests = checks.map(([limit, subject]) => ({
    key: `${limit.name}:${subject}`,
    windowMs: limit.windowMs,
    max: limit.max,
  }));
  let hits: Hit[];
  if (store.hitInOrder) hits = await store.hitInOrder(requests);
  else {
    hits = [];
    for (const r of requests) {
      const h = await store.hit(r.key, r.windowMs);
      hits.push(h);
      if (h.count > r.max) break;
    }
  }
  const results = hits.map((h, i) => resultOf(checks[i]?.[0] as Limit, h));
  return { refused: results.findIndex((r) => !r.allowed), results };
}

function resultOf(limit: Limit, { count, resetAt }: Hit): RateLimitResult {
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
