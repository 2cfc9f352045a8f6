import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { classifyRequest, rejectOverIpLimit } from "@/lib/http/ip-limit";
import { createRedisStore, type RateLimitStore } from "@/lib/ratelimit";

// The overall limit sized for an office: what it counts (page loads and API calls, not static files, photos
// or Next's prefetches), whom it counts (staff per user, everyone else per address), and what a limited
// person sees. Against real Redis, through a real HTTP server applying only the limit, like server.ts does.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const run = randomUUID().slice(0, 8);

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url, method, headers, socket: { remoteAddress: "203.0.113.9" } }) as unknown as IncomingMessage;

describe("what the overall limit counts", () => {
  it.each([
    ["/_next/static/chunks/app.js", {}, "exempt"],
    ["/_next/image?url=%2Fx.png&w=64&q=75", {}, "exempt"],
    ["/favicon.svg", {}, "exempt"],
    ["/robots.txt", {}, "exempt"],
    ["/media/products/0123456789abcdef0123456789abcdef-thumb.webp", {}, "exempt"],
    ["/dashboard/inventory", { "next-router-prefetch": "1", rsc: "1" }, "prefetch"],
    ["/dashboard/orders", { "next-router-prefetch": "2", rsc: "1" }, "prefetch"],
    ["/dashboard/orders", { "next-router-prefetch": "3", rsc: "1" }, "prefetch"],
    ["/dashboard/orders", { "next-router-segment-prefetch": "/_tree", rsc: "1" }, "prefetch"],
    ["/dashboard/clients", { purpose: "prefetch" }, "prefetch"],
    ["/dashboard/clients", { "sec-purpose": "prefetch;prerender" }, "prefetch"],
    // a client-side navigation (RSC without prefetch) is a page someone opens: counted
    ["/dashboard/clients?_rsc=1x2y3", { rsc: "1" }, "counted"],
    ["/dashboard/clients", { accept: "text/html" }, "counted"],
    ["/productos", {}, "counted"],
    // look-alikes of exempt paths are counted
    ["/media/products/../../dashboard-thumb.webp", {}, "counted"],
    ["/media/products/cafe-thumb.webp", {}, "counted"],
    ["/_next/data/x.json", {}, "counted"],
    ["/dashboard/orders", { "next-router-prefetch": "yes" }, "counted"],
  ])("%s %j → %s", (url, headers, expected) => {
    expect(classifyRequest(request(url, headers))).toBe(expected);
  });

  it("never treats a write as a prefetch", () => {
    expect(classifyRequest(request("/dashboard/orders", { "next-router-prefetch": "1" }, "POST"))).toBe("counted");
  });
});

describe("the limit in an office, with Redis", () => {
  let store: RateLimitStore;
  let server: Server;
  let base: string;
  const limit = { name: `office-${run}`, max: 5, windowMs: 60_000 };
  const sessionCookie = async (userId: string) => {
    const name = "authjs.session-token";
    const token = await encode({ token: { sub: userId }, secret: env().AUTH_SECRET, salt: name });
    return `${name}=${token}`;
  };

  beforeAll(async () => {
    store = createRedisStore(REDIS_URL);
    server = createServer(async (req, res) => {
      if (await rejectOverIpLimit(req, res, store, limit)) return;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await store?.close?.();
  });

  const statuses = async (n: number, path: string, headers: Record<string, string> = {}) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      out.push(res.status);
    }
    return out;
  };

  it("counts each signed-in staff member on their own, not the office's shared address", async () => {
    const ana = await sessionCookie(`ana-${run}`);
    const luis = await sessionCookie(`luis-${run}`);
    // everyone below comes from 127.0.0.1: one office behind one address
    expect(await statuses(5, "/dashboard/orders", { cookie: ana })).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(5, "/dashboard/orders", { cookie: luis })).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(1, "/dashboard/orders", { cookie: ana })).toEqual([429]);
    // the address's own budget (anonymous visitors) was not spent by the staff
    expect(await statuses(1, "/productos")).toEqual([200]);
    // a cookie that is not ours counts by address like anyone else
    expect(await statuses(4, "/productos", { cookie: "authjs.session-token=forged" })).toEqual([200, 200, 200, 200]);
    expect(await statuses(1, "/productos")).toEqual([429]);
  });

  it("does not spend the budget on static files, photos or prefetches; prefetches have their own ceiling", async () => {
    const eva = await sessionCookie(`eva-${run}`);
    const headers = { cookie: eva };
    expect(new Set(await statuses(12, "/_next/static/chunks/main.js", headers))).toEqual(new Set([200]));
    expect(new Set(await statuses(12, "/media/products/0123456789abcdef0123456789abcdef-thumb.webp", headers))).toEqual(
      new Set([200]),
    );
    const prefetch = { ...headers, "next-router-prefetch": "1", rsc: "1" };
    expect(new Set(await statuses(12, "/dashboard/inventory", prefetch))).toEqual(new Set([200]));
    // all of that left the five page loads intact
    expect(await statuses(6, "/dashboard/inventory", headers)).toEqual([200, 200, 200, 200, 200, 429]);
    // the prefetch budget is five times the limit: 25, of which 12 are spent
    const more = await statuses(14, "/dashboard/clients", prefetch);
    expect(more.slice(0, 13)).toEqual(Array(13).fill(200));
    expect(more[13]).toBe(429);
  });

  it("shows a limited page load a Spanish page with Retry-After, and gives API calls the JSON error", async () => {
    const rosa = await sessionCookie(`rosa-${run}`);
    await statuses(5, "/dashboard/audit", { cookie: rosa });
    const page = await fetch(`${base}/dashboard/audit`, {
      headers: { cookie: rosa, accept: "text/html,application/xhtml+xml", "sec-fetch-mode": "navigate" },
    });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    const html = await page.text();
    expect(html).toContain('<html lang="es-CO">');
    expect(html).toContain("Demasiadas solicitudes");
    expect(html).not.toContain('"code"');

    const api = await fetch(`${base}/api/exports`, { headers: { cookie: rosa, accept: "application/json" } });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await api.json()).error.code).toBe("rate_limited");
  });
});
