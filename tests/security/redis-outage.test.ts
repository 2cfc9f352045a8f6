import Redis from "ioredis";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as consoleEvents } from "@/app/api/console/events/route";
import { GET as health } from "@/app/health/route";
import { registerLoginAttempt } from "@/lib/auth/login-throttle";
import { resetEnvCache } from "@/lib/env";
import { eventBus } from "@/lib/realtime/bus";
import { createApiKeyFor, freshIp } from "../chat/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { texto } from "./chat-helpers";
import { type PrivateRedis, privateRedis } from "./redis-server";

// Issue 11, finding 6: with REDIS_URL set and Redis killed, chat and login keep working from memory, nothing
// hangs, the console stream still opens and delivers, /health says Redis is down; when Redis is back the
// counters are shared again. A private redis-server, killed and restarted under load.
const globals = globalThis as { __sextinvalleRl?: unknown; __sextinvalleBus?: unknown };

async function healthBody() {
  const res = await health(new NextRequest("http://localhost/health"), { params: Promise.resolve({}) });
  return {
    status: res.status,
    body: (await res.json()) as { status: string; estado: string; redis: { estado: string } },
  };
}

describe("a Redis outage", () => {
  let t: TestDatabase;
  let redis: PrivateRedis;
  let inspect: Redis;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    redis = await privateRedis();
    process.env.REDIS_URL = redis.url;
    resetEnvCache();
    globals.__sextinvalleRl = undefined;
    globals.__sextinvalleBus = undefined;
    inspect = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    inspect.on("error", () => undefined);
  });
  afterAll(async () => {
    inspect.disconnect();
    await redis.kill();
    delete process.env.REDIS_URL;
    resetEnvCache();
    await t.drop();
  });

  it("keeps chat, login throttling, the console stream and /health answering, then shares counts again", async () => {
    const warm = freshIp();
    expect((await texto({ ip: warm }, { mensaje: "hola" })).status).toBe(200);
    await inspect.connect();
    expect(await inspect.exists(`sextinvalle:rl:chat:ip:${warm}`)).toBe(1);
    inspect.disconnect();
    expect((await healthBody()).body.redis.estado).toBe("ok");

    // load: one chat message every 100 ms from rotating addresses, across the kill and the restart
    const results: { status: number; ms: number }[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const started = performance.now();
        const res = await texto({ ip: freshIp() }, { mensaje: "¿tienen guantes de vaqueta?" });
        results.push({ status: res.status, ms: performance.now() - started });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1_500));

    const during = await healthBody();
    expect(during.status).toBe(200);
    expect(during.body.redis.estado).toBe("caido");
    expect(during.body).toMatchObject({ status: "warning", estado: "degradado" });

    // the chat limit still holds, from memory: 30 per address, the 31st is refused
    const busy = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await texto({ ip: busy }, { mensaje: "" })).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400));
    expect(statuses[30]).toBe(429);

    // login throttling through the app's own store: five attempts pass, the sixth is throttled
    const email = `caida-${Date.now()}@x.example`;
    const gates = [];
    for (let i = 0; i < 6; i++) gates.push((await registerLoginAttempt(email, "10.9.9.9")).allowed);
    expect(gates).toEqual([true, true, true, true, true, false]);

    // the console stream opens and carries a chat event published during the outage
    const key = await createApiKeyFor(t.db, "ventas");
    const abort = new AbortController();
    const stream = await consoleEvents(
      new NextRequest("http://localhost/api/console/events", {
        headers: { authorization: `Bearer ${key}` },
        signal: abort.signal,
      }),
      { params: Promise.resolve({}) },
    );
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const publishing = eventBus().publish({ type: "conversation", chatId: "durante-la-caida", botEnabled: false });
    await publishing.catch(() => undefined);
    let received = "";
    const deadline = Date.now() + 3_000;
    while (!received.includes("durante-la-caida") && Date.now() < deadline)
      received += new TextDecoder().decode((await reader.read()).value);
    expect(received).toContain("durante-la-caida");
    abort.abort();
    await reader.cancel().catch(() => undefined);

    await redis.start();
    const recovered = Date.now() + 10_000;
    while ((await healthBody()).body.redis.estado !== "ok" && Date.now() < recovered)
      await new Promise((r) => setTimeout(r, 200));
    expect((await healthBody()).body.redis.estado).toBe("ok");
    loading = false;
    await load;

    expect(results.length).toBeGreaterThan(8);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    // never a hang: the slowest answer across the kill and the restart stays well under a second
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(1_000);

    const after = freshIp();
    expect((await texto({ ip: after }, { mensaje: "hola" })).status).toBe(200);
    await inspect.connect();
    expect(await inspect.exists(`sextinvalle:rl:chat:ip:${after}`)).toBe(1);
  });
});

describe("one error class across module graphs", () => {
  it("answers another graph's AppError with its own status, not 500", async () => {
    const here = await import("@/lib/errors");
    vi.resetModules();
    const there = await import("@/lib/errors");
    expect(there.AppError).not.toBe(here.AppError);
    const foreign = new there.AppError("unavailable", "Servicio no disponible.", { retryAfterSeconds: 3 });
    expect(here.isAppError(foreign)).toBe(true);
    const res = here.errorResponse(foreign);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toMatchObject({ error: { code: "unavailable", message: "Servicio no disponible." } });
  });
});
