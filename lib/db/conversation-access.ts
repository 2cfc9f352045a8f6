import { db } from "@/lib/db/client";

// What the ownership check needs to know about a conversation before anyone may continue or read it
// without proving they started it: whether it exists, and whether it holds anything about a person.
export type ConversationAccessInfo = {
  channel: string;
  messageCount: number;
  holdsPersonalData: boolean;
};

// Contact details a customer may type outside a sale step (which the extractor would not store):
// an e-mail address, or a run of 7+ digits (phone numbers, cédulas, NITs; spaces, dots or dashes between).
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const LONG_NUMBER = /\d(?:[ .-]?\d){6,}/;

export function textLooksPersonal(text: string): boolean {
  return EMAIL.test(text) || LONG_NUMBER.test(text);
}

/**
 * A conversation holds personal data once any customer field was extracted (order row or the sale kept in an
 * answer's metadata), it is linked to a client, a person from the staff wrote in it, or the customer typed
 * contact details. Once true it stays true: the history keeps what was said.
 */
export async function findConversationAccess(chatId: string): Promise<ConversationAccessInfo | null> {
  const conversation = await db().conversation.findUnique({
    where: { chatId },
    select: { id: true, channel: true, messageCount: true, customerName: true, clientId: true },
  });
  if (!conversation) return null;
  const info = { channel: conversation.channel, messageCount: conversation.messageCount };
  if (conversation.customerName || conversation.clientId) return { ...info, holdsPersonalData: true };
  const conversationId = conversation.id;
  const [ordersWithCustomer, staffMessages, extracted, customerTexts] = await Promise.all([
    db().order.count({
      where: {
        conversationId,
        OR: [
          { customerName: { not: null } },
          { customerDocument: { not: null } },
          { customerPhone: { not: null } },
          { customerEmail: { not: null } },
          { customerAddress: { not: null } },
          { clientId: { not: null } },
        ],
      },
    }),
    db().message.count({ where: { conversationId, role: "staff" } }),
    // the sale snapshot is stored as JSON text: an empty customer is `"customer":{}`
    db().message.count({ where: { conversationId, role: "assistant", metadata: { contains: '"customer":{"' } } }),
    db().message.findMany({
      where: { conversationId, role: "customer" },
      select: { text: true },
      orderBy: { id: "desc" },
      take: 1000,
    }),
  ]);
  const typed = customerTexts.some((m) => textLooksPersonal(m.text));
  return { ...info, holdsPersonalData: ordersWithCustomer + staffMessages + extracted > 0 || typed };
}
