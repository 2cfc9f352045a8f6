import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkRateLimit,
  checkRateLimits,
  createMemoryStore,
  createRedisStore,
  type RateLimitStore,
} from "@/lib/ratelimit";

// A WebSocket message is counted against two limits (every frame from the address, then the chat turns it shares
// with HTTP). Both are decided in one call: in Redis one command, so a turn waits for one round trip, not two or
// four (a new key also needed its PEXPIRE). The second limit is counted only when the first lets the call through.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const run = randomUUID().slice(0, 8);
const opened: RateLimitStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close?.();
});
const redisStore = () => {
  const s = createRedisStore(REDIS_URL);
  opened.push(s);
  return s;
};

const frames = (max: number) => ({ name: `frames-${run}`, max, windowMs: 60_000 });
const turns = (max: number) => ({ name: `turns-${run}`, max, windowMs: 60_000 });

describe.each([
  ["memory", createMemoryStore],
  ["redis", redisStore],
])("two limits in one call, %s store", (name, make) => {
  const store = make();

  it("counts both, and says which one refused", async () => {
    const subject = `both:${name}`;
    const first = await checkRateLimits(
      [
        [frames(5), subject],
        [turns(2), subject],
      ],
      store,
    );
    expect(first.refused).toBe(-1);
    expect(first.results.map((r) => r.remaining)).toEqual([4, 1]);
    await checkRateLimits(
      [
        [frames(5), subject],
        [turns(2), subject],
      ],
      store,
    );
    const third = await checkRateLimits(
      [
        [frames(5), subject],
        [turns(2), subject],
      ],
      store,
    );
    expect(third.refused).toBe(1);
    expect(third.results[1]?.allowed).toBe(false);
    expect(third.results[1]?.retryAfterSeconds).toBeGreaterThan(50);
    // each limit holds its own count, as one-at-a-time checks see it
    expect((await checkRateLimit(frames(5), subject, store)).remaining).toBe(1);
    expect((await checkRateLimit(turns(2), subject, store)).remaining).toBe(0);
  });

  it("does not count the second limit once the first refuses", async () => {
    const subject = `first-refuses:${name}`;
    const pair = () =>
      checkRateLimits(
        [
          [frames(1), subject],
          [turns(10), subject],
        ],
        store,
      );
    expect((await pair()).refused).toBe(-1);
    const refused = await pair();
    expect(refused.refused).toBe(0);
    expect(refused.results).toHaveLength(1);
    expect((await checkRateLimit(turns(10), subject, store)).remaining).toBe(8); // only the first call counted
  });
});

describe("two limits in one Redis command", () => {
  it("sends one command for both new keys: no MULTI, no separate PEXPIRE", async () => {
    const store = redisStore();
    await checkRateLimit(frames(5), "warm-up", store); // the store's connection (and its script) is ready
    const monitor = await new Redis(REDIS_URL).monitor();
    const subject = `one-trip-${randomUUID()}`;
    const marker = `sextinvalle:test:marker:${subject}`;
    const seen: string[][] = [];
    const done = new Promise<void>((resolve) => {
      monitor.on("monitor", (_time: string, args: string[], source: string) => {
        if (args.includes(marker)) return resolve();
        // commands a script runs are listed too, with source "lua": only what the client sent counts
        if (source !== "lua" && args.some((a) => a.includes(subject))) seen.push(args);
      });
    });
    try {
      const result = await checkRateLimits(
        [
          [frames(5), subject],
          [turns(2), subject],
        ],
        store,
      );
      expect(result.refused).toBe(-1);
      // MONITOR lists commands in the order the server ran them: once the marker shows, ours have too
      const other = new Redis(REDIS_URL);
      await other.exists(marker);
      other.disconnect();
      await done;
      expect(seen).toHaveLength(1);
      expect(seen[0]?.[0]?.toLowerCase()).toMatch(/^eval(sha)?$/);
      // and both keys expire with their window (set in the same command)
      const inspect = new Redis(REDIS_URL);
      const ttls = await Promise.all(
        [`frames-${run}`, `turns-${run}`].map((n) => inspect.pttl(`sextinvalle:rl:${n}:${subject}`)),
      );
      inspect.disconnect();
      for (const ttl of ttls) expect(ttl).toBeGreaterThan(50_000);
    } finally {
      monitor.disconnect();
    }
  });
});
