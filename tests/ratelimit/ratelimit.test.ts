import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { rejectOverIpLimit, stripTrailingSlash, wantsServiceInfo } from "@/lib/http/ip-limit";
import { checkRateLimit, createMemoryStore, createRedisStore, LIMITS, type RateLimitStore } from "@/lib/ratelimit";

// Limits hold in memory and, through Redis, across instances (two stores = two app instances).
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const run = randomUUID().slice(0, 8);
const opened: RateLimitStore[] = [];
const redisStore = () => {
  const s = createRedisStore(REDIS_URL);
  opened.push(s);
  return s;
};
afterAll(async () => {
  for (const s of opened) await s.close?.();
});

/** A bare HTTP server applying only the per-IP limit, like server.ts does before Next. */
async function limitedServer(port: number, store: RateLimitStore, max: number): Promise<Server> {
  const limit = { name: `ip-test-${run}-${port}`, max, windowMs: 60_000 };
  const server = createServer(async (req, res) => {
    if (await rejectOverIpLimit(req, res, store, limit)) return;
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

describe.each([
  ["memory", () => [createMemoryStore(), null] as const],
  [
    "redis",
    () => {
      const shared = redisStore();
      return [shared, redisStore()] as const;
    },
  ],
])("rate limits with the %s store", (name, make) => {
  const [store, otherInstance] = make();

  it("allows 5 exports per user in 5 minutes, then 429 with a retry delay", async () => {
    const subject = `user:${run}:${name}`;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkRateLimit(LIMITS.exports, subject, store));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[5]?.retryAfterSeconds).toBeGreaterThan(200);
    expect(results[5]?.retryAfterSeconds).toBeLessThanOrEqual(300);
    expect((await checkRateLimit(LIMITS.exports, `other:${run}:${name}`, store)).allowed).toBe(true);
  });

  it.runIf(otherInstance !== null)("shares counts across instances through Redis", async () => {
    if (!otherInstance) return;
    const subject = `user:${run}:shared`;
    for (let i = 0; i < 3; i++) await checkRateLimit(LIMITS.exports, subject, store);
    for (let i = 0; i < 2; i++)
      expect((await checkRateLimit(LIMITS.exports, subject, otherInstance)).allowed).toBe(true);
    expect((await checkRateLimit(LIMITS.exports, subject, otherInstance)).allowed).toBe(false);
    expect((await checkRateLimit(LIMITS.exports, subject, store)).allowed).toBe(false);
  });

  it("answers 429 with Retry-After and the error shape once an IP is over its limit", async () => {
    const port = name === "memory" ? 3127 : 3128;
    const server = await limitedServer(port, store, 3);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`http://127.0.0.1:${port}/productos`)).status);
      expect(statuses).toEqual([200, 200, 200]);
      const limited = await fetch(`http://127.0.0.1:${port}/productos`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.json()).toEqual({
        error: { code: "rate_limited", message: expect.stringMatching(/demasiadas/i) },
        detail: expect.stringMatching(/demasiadas/i),
      });
      expect((await fetch(`http://127.0.0.1:${port}/_next/static/chunk.js`)).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("server request helpers", () => {
  it("strips trailing slashes so POST /productos/ is never redirected", () => {
    expect(stripTrailingSlash("/productos/")).toBe("/productos");
    expect(stripTrailingSlash("/productos/?limit=5")).toBe("/productos?limit=5");
    expect(stripTrailingSlash("/pedidos/abc/estado/")).toBe("/pedidos/abc/estado");
    expect(stripTrailingSlash("/")).toBe("/");
    expect(stripTrailingSlash("/productos")).toBe("/productos");
  });

  it("gives JSON clients service info at / and browsers the chat", () => {
    const req = (accept: string, url = "/", method = "GET") => ({ method, url, headers: { accept } }) as never;
    expect(wantsServiceInfo(req("application/json"))).toBe(true);
    expect(wantsServiceInfo(req("text/html,application/xhtml+xml,application/json;q=0.9"))).toBe(false);
    expect(wantsServiceInfo(req("*/*"))).toBe(false);
    expect(wantsServiceInfo(req("application/json", "/productos"))).toBe(false);
    expect(wantsServiceInfo(req("application/json", "/", "POST"))).toBe(false);
  });
});
