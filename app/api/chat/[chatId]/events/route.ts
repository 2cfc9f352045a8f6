import { CHAT_ID } from "@/lib/chat/legacy";
import { invalidInput } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";
import { busEventStream, sseData } from "@/lib/http/sse";
import type { RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for one web chat: staff replies (`staff_message`) and takeover switches
// (`bot_status`) reach the customer live. The chat id is the customer's random, unguessable key.
export const dynamic = "force-dynamic";

function payloadFor(event: RealtimeEvent, chatId: string): Record<string, unknown> | null {
  if (event.type === "message" && event.chatId === chatId && event.message.role === "staff")
    return {
      type: "staff_message",
      id: event.message.id,
      mensaje: event.message.text,
      timestamp: event.message.createdAt,
    };
  if (event.type === "conversation" && event.chatId === chatId)
    return { type: "bot_status", ia_desactivada: !event.botEnabled };
  return null;
}

export const GET = publicRoute<{ chatId: string }>(async ({ req, params }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  const chatId = parsed.data;
  return busEventStream({
    signal: req.signal,
    retryMs: 3000,
    heartbeatMs: 20_000,
    frame: (event) => {
      const payload = payloadFor(event, chatId);
      return payload ? sseData(payload) : null;
    },
  });
});
