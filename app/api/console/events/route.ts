import { can } from "@/lib/auth/permissions";
import { resolvePrincipal } from "@/lib/auth/principal";
import { guardedRoute } from "@/lib/http/route";
import { busEventStream, sseData } from "@/lib/http/sse";

// Server-sent events for the live inbox: every bus event but the catalogue's (new messages, takeovers, the global switch) is
// forwarded to signed-in staff. With REDIS_URL the bus is Redis pub/sub, so events from other instances
// arrive too. A comment line every 15 s keeps proxies from closing an idle stream; before each one the
// caller is authorised again, so a disabled account, a revoked key or a reset password (sessions revoked)
// stops receiving within one heartbeat instead of for as long as the tab stays open.
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
const PERMISSION = "conversations:read";

export const GET = guardedRoute(PERMISSION, async ({ req }) =>
  busEventStream({
    signal: req.signal,
    retryMs: 2000,
    heartbeatMs: HEARTBEAT_MS,
    // an import's products are for the servers' indexes (megabytes a batch), not for the inbox
    frame: (event) => (event.type === "catalog" ? null : sseData(event, event.type)),
    stillAllowed: async () => {
      try {
        const principal = await resolvePrincipal(req.headers);
        return principal !== null && can(principal.role, PERMISSION);
      } catch {
        return false; // cannot tell (database down): close; EventSource reconnects through the full guard
      }
    },
  }),
);
