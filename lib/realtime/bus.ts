import { EventEmitter } from "node:events";
import Redis from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Events that must reach every app instance: new messages for the inbox, staff replies for the customer's
// web chat and legacy WebSocket, takeover switches. In-process by default; through Redis pub/sub when
// REDIS_URL is set, so several instances behind a load balancer stay in step.
export type RealtimeEvent =
  | {
      type: "message";
      chatId: string;
      message: {
        id: number;
        role: string;
        text: string;
        createdAt: string;
        intent?: string | null;
        saleState?: string | null;
        metadata?: unknown;
      };
    }
  | { type: "conversation"; chatId: string; botEnabled: boolean; takenOverBy?: string | null }
  | { type: "bot-global"; enabled: boolean; reason?: string | null };

type Listener = (event: RealtimeEvent) => void;

export interface EventBus {
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

const CHANNEL = "sextinvalle:events";

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("event", event);
    },
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export function createRedisBus(url: string): EventBus {
  const local = createMemoryBus();
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  for (const client of [pub, sub]) client.on("error", (err) => log.warn("redis bus error", { err }));
  const ready = sub.subscribe(CHANNEL);
  sub.on("message", (_channel, payload: string) => {
    try {
      void local.publish(JSON.parse(payload) as RealtimeEvent);
    } catch (err) {
      log.warn("redis bus: bad payload", { err });
    }
  });
  return {
    async publish(event) {
      await ready;
      await pub.publish(CHANNEL, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
      await local.close();
    },
  };
}

const globalForBus = globalThis as unknown as { __sextinvalleBus?: EventBus };

/** The process-wide bus (shared by the custom server and Next's route handlers). */
export function eventBus(): EventBus {
  globalForBus.__sextinvalleBus ??= env().REDIS_URL ? createRedisBus(env().REDIS_URL as string) : createMemoryBus();
  return globalForBus.__sextinvalleBus;
}
