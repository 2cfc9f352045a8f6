import { EventEmitter } from "node:events";
import Redis from "ioredis";
import type { CatalogProduct } from "@/lib/agent/types";
import type { ProductMedia } from "@/lib/db/product-media";
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
  /** The conversation waits for a person (the customer asked, or the agent stopped understanding). */
  | { type: "attention"; chatId: string; reason: string; since: string }
  | { type: "bot-global"; enabled: boolean; reason?: string | null }
  /** A private staff note was added (no text: staff consoles re-read it; customer streams ignore the type). */
  | { type: "note"; chatId: string }
  // an order changed outside the chat turn that wrote it (console cancel, legacy API): the shop page re-reads it
  | { type: "order"; chatId: string; orderId: number; state: string }
  /**
   * Products a catalogue import batch just committed, as the chat's index holds them (lib/chat/catalog-feed.ts):
   * every instance puts them into its index as they are written instead of reading them on its next turn.
   * Server-side only: the console's event stream does not forward it.
   */
  | { type: "catalog"; origin: string; source: string; products: CatalogWrite[] };

/** A product as committed (`at`: its `updatedAt` in ms), in the shape lib/db/catalog.ts loads. */
export type CatalogWrite = { product: CatalogProduct; media: ProductMedia; at: number };

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

/** How long a publish waits for this instance's own SUBSCRIBE, so its local listeners hear the echo. */
const SUBSCRIBE_WAIT_MS = 500;
const STARTUP_MS = 5_000;
const CONNECTING = new Set(["wait", "connecting", "connect", "ready"]);

export function createRedisBus(url: string): EventBus {
  const local = createMemoryBus();
  // Bounded waits: a publish never holds a chat turn for long while Redis is unreachable.
  const pub = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 1_000, connectTimeout: 2_000 });
  // We subscribe ourselves on every `ready`: ioredis only re-subscribes channels whose SUBSCRIBE once
  // succeeded, so a Redis that is down at start-up would otherwise leave this instance deaf for good.
  const sub = new Redis(url, { maxRetriesPerRequest: 2, autoResubscribe: false, connectTimeout: 2_000 });
  const state = new EventEmitter();
  let subscribed = false;
  let everReady = false;
  const createdAt = Date.now();
  pub.on("ready", () => {
    everReady = true;
  });
  // one warning per outage, not one per reconnect attempt
  let failing = false;
  for (const client of [pub, sub]) {
    client.on("error", (err) => {
      if (!failing) log.warn("redis bus error; events stay on this instance until it is back", { err });
      failing = true;
    });
    client.on("ready", () => {
      failing = false;
    });
  }
  sub.on("ready", () => {
    sub.subscribe(CHANNEL).then(
      () => {
        subscribed = true;
        state.emit("subscribed");
      },
      (err) => log.warn("redis bus: subscribe failed; retrying on reconnect", { err }),
    );
  });
  sub.on("close", () => {
    subscribed = false;
    state.emit("down");
  });
  sub.on("message", (_channel, payload: string) => {
    try {
      void local.publish(JSON.parse(payload) as RealtimeEvent);
    } catch (err) {
      log.warn("redis bus: bad payload", { err });
    }
  });

  /** True once subscribed; false when the subscriber is down or does not get there in time. */
  const untilSubscribed = (): Promise<boolean> => {
    if (subscribed) return Promise.resolve(true);
    // only worth waiting for while starting up; during an outage deliver locally at once
    const startingUp = !everReady && Date.now() - createdAt < STARTUP_MS;
    if (!startingUp || !CONNECTING.has(sub.status)) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        state.off("subscribed", onUp);
        state.off("down", onDown);
        resolve(value);
      };
      const onUp = () => done(true);
      const onDown = () => done(false);
      const timer = setTimeout(() => done(false), SUBSCRIBE_WAIT_MS);
      state.once("subscribed", onUp);
      state.once("down", onDown);
    });
  };

  return {
    async publish(event) {
      // Without our own subscription the Redis echo would not reach this instance's listeners: deliver them
      // directly (single-instance behaviour), and still try Redis for the others.
      if (!(await untilSubscribed())) await local.publish(event);
      try {
        // past start-up, never queue behind a connection that is not there: the chat turn would wait on it
        const startingUp = !everReady && Date.now() - createdAt < STARTUP_MS;
        if (!startingUp && pub.status !== "ready") throw new Error(`redis ${pub.status}`);
        await pub.publish(CHANNEL, JSON.stringify(event));
      } catch (err) {
        if (!failing) log.warn("redis bus: publish failed", { err, type: event.type });
        throw err;
      }
    },
    subscribe: local.subscribe,
    async close() {
      state.removeAllListeners();
      // QUIT on a client that is not connected would wait in the offline queue; drop the socket instead
      await Promise.allSettled(
        [pub, sub].map((client) => (client.status === "ready" ? client.quit() : Promise.resolve(client.disconnect()))),
      );
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
