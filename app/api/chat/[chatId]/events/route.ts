import { chatProofOf } from "@/lib/chat/chat-proof";
import { CHAT_ID } from "@/lib/chat/legacy";
import { authorizeChat } from "@/lib/chat/ownership";
import { invalidInput } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { publicRoute } from "@/lib/http/route";
import { busEventStream, sseData } from "@/lib/http/sse";
import type { RealtimeEvent } from "@/lib/realtime/bus";

// Server-sent events for one web chat: staff replies (`staff_message`) and takeover switches
// (`bot_status`) reach the customer live. Only for the browser whose signed cookie names the chat (or its
// chat_token as `?token=`, or staff): the id alone is refused like an unknown one.
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
