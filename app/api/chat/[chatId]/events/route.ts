import { CHAT_ID } from "@/lib/chat/legacy";
import { invalidInput } from "@/lib/errors";
import { publicRoute } from "@/lib/http/route";
import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";

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
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      write(`retry: 3000\n: conectado\n\n`);
      const unsubscribe = eventBus().subscribe((event) => {
        const payload = payloadFor(event, chatId);
        if (payload) write(`data: ${JSON.stringify(payload)}\n\n`);
      });
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => write(": ping\n\n"), 20_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      req.signal.addEventListener("abort", () => cleanup());
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
