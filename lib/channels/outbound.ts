import type { NewOutbox } from "@/lib/db/channel-events";
import { CONFIRM_BUTTONS, type MessagingChannel } from "@/lib/domain/channels";

// The answer of one turn as outbox rows: split to each provider's size limits, with the confirmation buttons on
// the last part when the sale waits for the customer's confirmation.
const LIMITS: Record<MessagingChannel, { text: number; withButtons: number }> = {
  // Telegram counts 4096 characters after escaping; leave room for the backslashes
  telegram: { text: 3500, withButtons: 3500 },
  // WhatsApp: text bodies 4096, interactive bodies 1024
  whatsapp: { text: 4000, withButtons: 1000 },
};

/** Splits at paragraph, line or word boundaries so no part exceeds `max` characters. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    // the latest paragraph break, else line break, else space in the second half of the window; else a hard cut
    const cut = ["\n\n", "\n", " "].map((sep) => window.lastIndexOf(sep)).find((i) => i > max / 2);
    const at = cut ?? max;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

export function replyRows(input: {
  channel: MessagingChannel;
  chatId: string;
  recipient: string;
  text: string;
  confirm: boolean;
  dedupePrefix: string;
  messageId: number | null;
  author?: "bot" | "system";
}): NewOutbox[] {
  const limit = LIMITS[input.channel];
  const head = splitText(input.text, limit.text);
  let parts = head;
  if (input.confirm) {
    const last = head.pop() ?? "";
    parts = [...head, ...splitText(last, limit.withButtons)];
  }
  return parts.map((text, i) => ({
    channel: input.channel,
    chatId: input.chatId,
    recipient: input.recipient,
    ordered: true,
    dedupeKey: `${input.dedupePrefix}:${i}`,
    messageId: input.messageId,
    payload: {
      type: "text",
      text,
      author: input.author ?? "bot",
      ...(input.confirm && i === parts.length - 1
        ? { buttons: CONFIRM_BUTTONS.map(({ id, title }) => ({ id, title })) }
        : {}),
    },
  }));
}
