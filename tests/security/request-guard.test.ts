import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";
import { rejectOverIpLimit, stampClientIp } from "@/lib/http/ip-limit";
import { applySecurityHeaders, rejectCrossSite } from "@/lib/http/request-guard";
import { createMemoryStore } from "@/lib/ratelimit";

// server.ts's door, on a bare HTTP server: the per-client limit (static files free, prefetches on their own
// budget, staff counted per user, a Spanish page for a limited page load), security headers incl. HSTS only
// behind https, and the forged-write refusal before anything else runs.
describe("the custom server's request guard", () => {
  let server: Server;
  let base: string;
  const limit = { name: `guard-${randomUUID()}`, max: 5, windowMs: 60_000 };
  beforeAll(async () => {
    const store = createMemoryStore();
    server = createServer(async (req, res) => {
      stampClientIp(req);
      applySecurityHeaders(req, res);
      if (rejectCrossSite(req, res)) return;
      if (await rejectOverIpLimit(req, res, store, limit)) return;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it("does not count static files, gives prefetches their own budget, and limits the rest per address", async () => {
    for (let i = 0; i < 12; i++) expect((await get("/_next/static/chunks/app.js")).status).toBe(200);
    for (let i = 0; i < 12; i++) expect((await get("/dashboard", { "next-router-prefetch": "1" })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get("/info")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // a page load over the limit is a page in Spanish, a fetch gets the JSON error
    const page = await get("/", { accept: "text/html,application/xhtml+xml", "sec-fetch-mode": "navigate" });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Demasiadas solicitudes");
    const api = await get("/info", { accept: "application/json" });
    expect(await api.json()).toMatchObject({ error: { code: "rate_limited" } });
    // the prefetch budget is larger but not endless: a header cannot switch the limit off
    let prefetchLimited = false;
    for (let i = 0; i < 30 && !prefetchLimited; i++)
      prefetchLimited = (await get("/dashboard", { "next-router-prefetch": "1" })).status === 429;
    expect(prefetchLimited).toBe(true);
  });

  it("counts a signed-in staff member per user, not per (shared) address", async () => {
    const salt = "authjs.session-token";
    const token = await encode({ token: { sub: "7", role: "ventas" }, secret: env().AUTH_SECRET, salt });
    // this address is already over its limit (previous test); the signed-in user is not
    expect((await get("/info")).status).toBe(429);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get("/dashboard", { cookie: `${salt}=${token}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // a cookie we did not sign counts as the address
    expect((await get("/info", { cookie: `${salt}=forjado` })).status).toBe(429);
  });

  it("sets the security headers on every answer, HSTS only behind https", async () => {
    const res = await get("/_next/static/chunks/app.js");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("geolocation=()");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    // a client cannot claim https by itself; behind a trusted proxy that terminated TLS, HSTS is sent
    const claimed = await raw("GET", "/_next/static/chunks/app.js", { "x-forwarded-proto": "https" });
    expect(claimed.headers["strict-transport-security"]).toBeUndefined();
    process.env.TRUST_PROXY = "true";
    resetEnvCache();
    try {
      const proxied = await raw("GET", "/_next/static/chunks/app.js", { "x-forwarded-proto": "https" });
      expect(proxied.headers["strict-transport-security"]).toMatch(/^max-age=\d{8}/);
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });

  it("refuses a forged form post before the limit or Next see it, as a Spanish page", async () => {
    const res = await raw("POST", "/chat-control/sistema/toggle", {
      cookie: "authjs.session-token=x",
      origin: "http://127.0.0.1:1",
      "sec-fetch-mode": "navigate",
      "content-type": "text/plain",
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain("Solicitud rechazada");
    expect(res.headers["content-type"]).toContain("text/html");
  });

  /** node:http, so sec-fetch-* and forwarding headers go out exactly as a browser or proxy sends them. */
  function raw(method: string, path: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end(method === "POST" ? "activo=false" : undefined);
    });
  }
});
