import { inboxCounts } from "@/lib/db/inbox-views";
import { guardedRoute, json } from "@/lib/http/route";

// The inbox figures behind the nav badge and the tab title: conversations this user has not read, customers
// waiting for a person, and the newest conversation's id (a change means a new conversation arrived).
export const dynamic = "force-dynamic";

export const GET = guardedRoute("conversations:read", async ({ principal }) => {
  const counts = await inboxCounts(principal.kind === "user" ? principal.id : null);
  return json(counts, { headers: { "cache-control": "private, no-store" } });
});
