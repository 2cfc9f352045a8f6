import type { StoredMessage } from "@/lib/db/conversations";
import { findOrderChat } from "@/lib/db/shop-state";
import { log } from "@/lib/log";
import { eventBus } from "@/lib/realtime/bus";

// Every message the pipeline stores is announced, so the console inbox updates live.
export async function publishMessages(chatId: string, messages: readonly StoredMessage[]): Promise<void> {
  for (const m of messages) {
    try {
      await eventBus().publish({
        type: "message",
        chatId,
        message: {
          id: m.id,
          role: m.role,
          text: m.text,
          createdAt: m.createdAt.toISOString(),
          intent: m.intent,
          saleState: m.saleState,
          metadata: m.metadata,
        },
      });
    } catch (err) {
      // The turn is stored; a bus hiccup (Redis down) must not turn it into an error for the customer.
      log.warn("could not publish chat message", { chatId, err });
    }
  }
}

/** Tells the order's chat page (if the order came from a chat) that the order changed outside its turn. */
export async function publishOrderChanged(orderId: number): Promise<void> {
  try {
    const order = await findOrderChat(orderId);
    const chatId = order?.conversation?.chatId;
    if (!order || !chatId) return;
    await eventBus().publish({ type: "order", chatId, orderId, state: order.state });
  } catch (err) {
    log.warn("could not publish an order change", { orderId, err });
  }
}
