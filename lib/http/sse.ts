import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// One server-sent-events stream over the event bus, shared by the customer's chat and the staff inbox.
export type BusStreamOptions = {
  signal: AbortSignal;
  /** The SSE frame for an event, or null to skip it. */
  frame: (event: RealtimeEvent) => string | null;
  retryMs: number;
  heartbeatMs: number;
  /** Checked before every heartbeat; false closes the stream (the client reconnects through the full guard). */
  stillAllowed?: () => Promise<boolean>;
};

export function busEventStream(options: BusStreamOptions): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = eventBus().subscribe((event) => {
        const frame = options.frame(event);
        if (frame) send(frame);
      });
      // Comment lines keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => {
        const check = options.stillAllowed ? options.stillAllowed() : Promise.resolve(true);
        void check.then((allowed) => (allowed ? send(": ping\n\n") : cleanup()));
      }, options.heartbeatMs);
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      options.signal.addEventListener("abort", () => cleanup(), { once: true });
      send(`retry: ${options.retryMs}\n: conectado\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

export const sseData = (payload: unknown, event?: string) =>
  `${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(payload)}\n\n`;
