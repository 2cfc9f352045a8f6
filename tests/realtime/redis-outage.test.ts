import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { checkRateLimit, checkRateLimits, createRedisStore, LIMITS } from "@/lib/ratelimit";
import { createRedisBus, type EventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// Redis may be down when an instance starts or go away later: nothing may reject unhandled, publishes must
// settle promptly, and once Redis is reachable the bus must subscribe again by itself.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const NOTHING_LISTENING = "redis://127.0.0.1:1";

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const opened: EventBus[] = [];
let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  rejections.length = 0;
  process.on("unhandledRejection", onRejection);
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  process.off("unhandledRejection", onRejection);
  consoleError.mockRestore();
});
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bus = (url: string) => {
  const b = createRedisBus(url);
  opened.push(b);
  return b;
};

function nextEvent(b: EventBus, chatId: string, timeoutMs: number): Promise<RealtimeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event for ${chatId} within ${timeoutMs} ms`)), timeoutMs);
    const off = b.subscribe((e) => {
      if (!("chatId" in e) || e.chatId !== chatId) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** A TCP relay to the real Redis that can be started later on a port chosen now. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

function startRelay(port: number): Promise<{ server: Server; stop: () => Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        server,
        stop: async () => {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      }),
    ),
  );
}

const ioredisUnhandled = () =>
  consoleError.mock.calls.filter((args) => String(args[0]).includes("Unhandled error event")).length;

describe("event bus while Redis is unreachable", () => {
  it("leaves no unhandled rejection, and publish settles promptly and still reaches local listeners", async () => {
    const b = bus(NOTHING_LISTENING);
    await sleep(1_000); // the first SUBSCRIBE attempt fails meanwhile
    const heard = nextEvent(b, "sin-redis", 5_000);
    const started = performance.now();
    const outcome = await b.publish({ type: "conversation", chatId: "sin-redis", botEnabled: false }).then(
      () => "resolved",
      () => "rejected",
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(outcome).toBe("rejected"); // callers log it; the event did not cross instances
    expect(await heard).toEqual({ type: "conversation", chatId: "sin-redis", botEnabled: false });
    // a second publish does not hang on a stale, already-failed subscription
    await expect(b.publish({ type: "bot-global", enabled: true })).rejects.toBeDefined();
    await sleep(200);
    expect(rejections).toEqual([]);
    expect(ioredisUnhandled()).toBe(0);
  });

  it("subscribes by itself once Redis becomes reachable, and then carries events between instances", async () => {
    const port = await freePort();
    const late = bus(`redis://127.0.0.1:${port}`);
    await sleep(800); // several refused connections and a failed SUBSCRIBE
    const relay = await startRelay(port);
    try {
      const other = bus(REDIS_URL);
      const chatId = `recupera-${Date.now()}`;
      const deadline = Date.now() + 10_000;
      let received: RealtimeEvent | null = null;
      // ioredis backs off up to 2 s between reconnects; keep publishing until the late bus hears one
      while (!received && Date.now() < deadline) {
        const heard = nextEvent(late, chatId, 1_000).catch(() => null);
        await other.publish({ type: "conversation", chatId, botEnabled: true });
        received = await heard;
      }
      expect(received).toEqual({ type: "conversation", chatId, botEnabled: true });
      // and its own publishes go out through Redis again (heard once, by the other instance too)
      const atOther = nextEvent(other, `${chatId}-vuelta`, 3_000);
      await late.publish({ type: "conversation", chatId: `${chatId}-vuelta`, botEnabled: false });
      expect(await atOther).toMatchObject({ botEnabled: false });
      expect(rejections).toEqual([]);
    } finally {
      await relay.stop();
    }
  });
});

describe("rate-limit store while Redis is unreachable", () => {
  it("decides at once from memory (limits still hold) instead of failing or raising ioredis error events", async () => {
    const store = createRedisStore(NOTHING_LISTENING);
    try {
      const started = performance.now();
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await checkRateLimit(LIMITS.exports, "sin-redis", store));
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
      // two limits in one call (a WebSocket message) are decided from memory too, in order
      const pair = [
        [LIMITS.websocket, "ip:sin-redis"],
        [LIMITS.exports, "sin-redis"],
      ] as const;
      const both = await checkRateLimits(pair, store);
      expect(both.refused).toBe(1);
      expect(both.results.map((r) => r.remaining)).toEqual([LIMITS.websocket.max - 1, 0]);
      expect(performance.now() - started).toBeLessThan(2_000);
      await expect(store.ping?.()).rejects.toMatchObject({ status: 503 });
      await sleep(300);
      expect(ioredisUnhandled()).toBe(0);
      expect(rejections).toEqual([]);
    } finally {
      await store.close?.();
    }
  });
});
