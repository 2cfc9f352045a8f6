import { CHAT_ID } from "@/lib/chat/legacy";
import { invalidInput } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";
import { busEventStream, sseData } from "@/lib/http/sse";
import type { RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for one web chat, so the open page follows what happens elsewhere at once: staff
// replies (`staff_message`), takeover and hand-back notices (`system_message`), the takeover switch
// (`bot_status`), the global bot switch (`bot_global`), order changes (`order`) and messages written through
// another channel (`message`). The chat id is the customer's random, unguessable key.
export const dynamic = "force-dynamic";

const MESSAGE_TYPES: Record<string, string> = { staff: "staff_message", system: "system_message" };

function payloadFor(event: RealtimeEvent, chatId: string): Record<string, unknown> | null {
  if (event.type === "bot-global") return { type: "bot_global", activo: event.enabled };
  if (event.chatId !== chatId) return null;
  if (event.type === "message")
    return {
      type: MESSAGE_TYPES[event.message.role] ?? "message",
      id: event.message.id,
      remitente: event.message.role,
      mensaje: event.message.text,
      timestamp: event.message.createdAt,
    };
  if (event.type === "conversation") return { type: "bot_status", ia_desactivada: !event.botEnabled };
  if (event.type === "order") return { type: "order", estado: event.state };
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
