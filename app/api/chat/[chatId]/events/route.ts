import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { invalidInput } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { publicRoute } from "@/lib/http/route";
import { busEventStream, sseData } from "@/lib/http/sse";
import type { RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for one web chat, so the open page follows what happens elsewhere at once: staff
// replies (`staff_message`), takeover and hand-back notices (`system_message`), the takeover switch
// (`bot_status`), the global bot switch (`bot_global`), order changes (`order`) and messages written through
// another channel (`message`). Only for the browser whose signed cookie names the chat
// (or its chat_token as `?token=`, or staff): the id alone is refused like an unknown one.
export const dynamic = "force-dynamic";

const MESSAGE_TYPES: Record<string, string> = { staff: "staff_message", system: "system_message" };

function payloadFor(event: RealtimeEvent, chatId: string): Record<string, unknown> | null {
  if (event.type === "bot-global") return { type: "bot_global", activo: event.enabled };
  if (event.type === "catalog" || event.chatId !== chatId) return null;
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

export const GET = publicRoute<{ chatId: string }>(async ({ req, params, principal }) => {
  const parsed = CHAT_ID.safeParse(params.chatId);
  if (!parsed.success) throw invalidInput(parsed.error, "El identificador del chat no es válido.");
  const { chatId } = await authorizeChat({
    chatId: parsed.data,
    door: "web",
    purpose: "listen",
    proof: chatProofOf(req),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
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
