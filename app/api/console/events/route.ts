import { guardedRoute } from "@/lib/http/route";
import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for the live inbox: every bus event (new messages, takeovers, the global switch) is
// forwarded to signed-in staff. With REDIS_URL the bus is Redis pub/sub, so events from other instances
// arrive too. A comment line every 15 s keeps proxies from closing an idle stream.
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export const GET = guardedRoute("conversations:read", async ({ req }) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = eventBus().subscribe((event: RealtimeEvent) => {
        send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      req.signal.addEventListener("abort", () => cleanup(), { once: true });
      send("retry: 2000\n: conectado\n\n");
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
});
