import { can } from "@/lib/auth/permissions";
import { resolvePrincipal } from "@/lib/auth/principal";
import { guardedRoute } from "@/lib/http/route";
import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for the live inbox: every bus event (new messages, takeovers, the global switch) is
// forwarded to signed-in staff. With REDIS_URL the bus is Redis pub/sub, so events from other instances
// arrive too. A comment line every 15 s keeps proxies from closing an idle stream; before each one the
// caller is authorised again, so a disabled account, a revoked key or a reset password (sessions revoked)
// stops receiving within one heartbeat instead of for as long as the tab stays open.
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
const PERMISSION = "conversations:read";

export const GET = guardedRoute(PERMISSION, async ({ req }) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stillAllowed = async () => {
    try {
      const principal = await resolvePrincipal(req.headers);
      return principal !== null && can(principal.role, PERMISSION);
    } catch {
      return false; // cannot tell (database down): close; EventSource reconnects through the full guard
    }
  };
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
      const unsubscribe = eventBus().subscribe((event: RealtimeEvent) => {
        send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => {
        void stillAllowed().then((allowed) => (allowed ? send(": ping\n\n") : cleanup()));
      }, HEARTBEAT_MS);
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
