import type { PostedMessage } from "@/lib/db/inbox";
import { log } from "@/lib/log";
import { eventBus } from "@/lib/realtime/bus";

// Published after the write commits, so a listener never sees a message the database does not have.
// The chat pipeline forwards `message` events to the customer's web chat and legacy WebSocket.
async function publishSafely(event: Parameters<ReturnType<typeof eventBus>["publish"]>[0]): Promise<void> {
  try {
    await eventBus().publish(event);
  } catch (err) {
    // the write is committed; a customer who reconnects reads it from the history
    log.warn("event publish failed", { err, type: event.type });
  }
}

export async function publishMessage(chatId: string, message: PostedMessage): Promise<void> {
  await publishSafely({
    type: "message",
    chatId,
    message: { id: message.id, role: message.role, text: message.text, createdAt: message.createdAt.toISOString() },
  });
}

export async function publishTakeover(chatId: string, botEnabled: boolean, takenOverBy: string | null) {
  await publishSafely({ type: "conversation", chatId, botEnabled, takenOverBy });
}

export async function publishGlobalBot(enabled: boolean, reason: string | null) {
  await publishSafely({ type: "bot-global", enabled, reason });
}

export async function publishNote(chatId: string) {
  await publishSafely({ type: "note", chatId });
}
