import { afterAll, describe, expect, it } from "vitest";
import { createMemoryBus, createRedisBus, type EventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// Staff replies must reach a customer connected to another app instance: two Redis buses stand for two
// instances. The in-memory bus is the single-instance default.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function nextEvent(bus: EventBus, match: (e: RealtimeEvent) => boolean, timeoutMs = 2000): Promise<RealtimeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no event within 2 s")), timeoutMs);
    const off = bus.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

describe("event bus", () => {
  const buses: EventBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it("in memory: delivers to subscribers in the same process", async () => {
    const bus = createMemoryBus();
    buses.push(bus);
    const received = nextEvent(bus, (e) => e.type === "bot-global");
    await bus.publish({ type: "bot-global", enabled: false, reason: "prueba" });
    expect(await received).toEqual({ type: "bot-global", enabled: false, reason: "prueba" });
  });

  it("with Redis: an event published on one instance reaches the other, both ways, within 2 s", async () => {
    const a = createRedisBus(REDIS_URL);
    const b = createRedisBus(REDIS_URL);
    buses.push(a, b);
    const chatId = `bus-test-${Date.now()}`;
    const message = { id: 1, role: "staff", text: "Hola desde la consola", createdAt: new Date().toISOString() };
    // a publish before b's SUBSCRIBE completes would be lost; a round trip on b proves it is listening
    await b.publish({ type: "conversation", chatId: `${chatId}-warmup`, botEnabled: true });
    await a.publish({ type: "conversation", chatId: `${chatId}-warmup`, botEnabled: true });

    const atB = nextEvent(b, (e) => e.type === "message" && e.chatId === chatId);
    const started = performance.now();
    await a.publish({ type: "message", chatId, message });
    expect(await atB).toEqual({ type: "message", chatId, message });
    expect(performance.now() - started).toBeLessThan(2000);

    const atA = nextEvent(a, (e) => e.type === "conversation" && e.chatId === chatId);
    await b.publish({ type: "conversation", chatId, botEnabled: false, takenOverBy: "Ventas" });
    expect(await atA).toEqual({ type: "conversation", chatId, botEnabled: false, takenOverBy: "Ventas" });
  });
});
