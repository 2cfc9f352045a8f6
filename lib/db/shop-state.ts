import { db } from "@/lib/db/client";
import { readGlobalBotSwitch } from "@/lib/db/conversations";
import { findProductMedia } from "@/lib/db/product-media";

// What the shop's chat page shows around the messages, read straight from the database every time: who
// attends the conversation, its current order (a confirmed one stays until the customer starts a new
// conversation), its earlier orders and its latest quote.
export async function loadChatStateRows(chatId: string) {
  const [conversation, globalSwitch] = await Promise.all([
    db().conversation.findUnique({
      where: { chatId },
      select: {
        id: true,
        botEnabled: true,
        takenOverBy: { select: { name: true } },
        orders: { orderBy: { id: "desc" }, take: 6, include: { lines: { orderBy: { id: "asc" } } } },
        quotes: { orderBy: { id: "desc" }, take: 1, select: { number: true, validUntil: true, orderId: true } },
      },
    }),
    readGlobalBotSwitch(),
  ]);
  const current = conversation?.orders[0] ?? null;
  const media = await findProductMedia(current?.lines.map((l) => l.sku) ?? []);
  return { conversation, globalSwitch, current, media };
}

export type ChatStateRows = Awaited<ReturnType<typeof loadChatStateRows>>;

/** Flags the conversation for a person (the inbox queue); the first reason and time are kept. */
export async function flagForAttention(conversationId: number, reason: string) {
  await db().conversation.updateMany({
    where: { id: conversationId, attentionSince: null },
    data: { attentionReason: reason, attentionSince: new Date() },
  });
}

export function findOrderChat(orderId: number) {
  return db().order.findUnique({
    where: { id: orderId },
    select: { state: true, conversation: { select: { chatId: true } } },
  });
}
