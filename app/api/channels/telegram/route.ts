import { receiveTelegramUpdate } from "@/lib/channels/telegram/webhook";
import { json, publicRoute } from "@/lib/http/route";

// Telegram's webhook (authenticated by the secret token header, not by a session).
export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ req }) => {
  await receiveTelegramUpdate(req);
  return json({ ok: true });
});
