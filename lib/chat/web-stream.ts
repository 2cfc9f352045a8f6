import { createUIMessageStream, createUIMessageStreamResponse, type UIMessage } from "ai";
import { isAppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ChatTurnInput, runChatTurnWithTimeout } from "./pipeline";
import type { TurnData } from "./ui-types";

type ShopUIMessage = UIMessage<{ createdAt?: string }, { turn: TurnData; progress: { label: string } }>;

// The web chat's answer as an AI SDK UI message stream (the AI SDK's protocol, read by the shop's own small client): the pipeline's deltas as
// text parts, then one `data-turn` part with what the UI needs around the text (cards, cart, suggestions).
export function webChatResponse(input: ChatTurnInput): Response {
  const stream = createUIMessageStream<ShopUIMessage>({
    execute: async ({ writer }) => {
      const textId = `text-${crypto.randomUUID()}`;
      let started = false;
      const start = () => {
        if (!started) writer.write({ type: "text-start", id: textId });
        started = true;
      };
      const result = await runChatTurnWithTimeout(input, {
        // A hosted model's tool steps: "Buscando en el catálogo…" while the customer waits (not kept in the message).
        onProgress: (label) => writer.write({ type: "data-progress", data: { label }, transient: true }),
        onDelta: (delta) => {
          start();
          writer.write({ type: "text-delta", id: textId, delta });
        },
      });
      if (result.botDisabled) {
        start();
        writer.write({ type: "text-delta", id: textId, delta: result.reply });
      }
      if (started) writer.write({ type: "text-end", id: textId });
      writer.write({
        type: "data-turn",
        data: {
          chatId: result.chatId,
          intent: result.intent,
          saleState: result.saleState,
          products: result.products,
          order: result.order,
          suggestions: result.suggestions,
          botDisabled: result.botDisabled,
          reply: result.reply,
          replaced: result.replaced,
          messageIds: result.messages.map((m) => m.id),
        },
      });
    },
    onError: (error) => {
      const known = isAppError(error) ? error : toAppError(error);
      if (known.code !== "internal") return known.message;
      log.error("web chat turn failed", { chatId: input.chatId, err: error });
      return "No pudimos procesar tu mensaje. Intenta de nuevo.";
    },
  });
  return createUIMessageStreamResponse({ stream });
}
