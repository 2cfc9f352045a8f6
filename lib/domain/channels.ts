import { z } from "zod";

// Messaging channels (Telegram, WhatsApp): names and the JSON shapes stored in ChannelEvent.payload and
// OutboxMessage.payload, shared by lib/db (which stores them) and lib/channels (which reads and sends them).
export const MESSAGING_CHANNELS = ["telegram", "whatsapp"] as const;
export type MessagingChannel = (typeof MESSAGING_CHANNELS)[number];

export function isMessagingChannel(value: unknown): value is MessagingChannel {
  return typeof value === "string" && (MESSAGING_CHANNELS as readonly string[]).includes(value);
}

export const CHANNEL_LABELS: Record<MessagingChannel, string> = { telegram: "Telegram", whatsapp: "WhatsApp" };

/** The two buttons of the confirmation step; a press reaches the agent as the customer's own words. */
export const CONFIRM_BUTTONS = [
  { id: "confirmar", title: "Confirmar", says: "Confirmo" },
  { id: "cambiar", title: "Cambiar algo", says: "Quiero cambiar algo" },
] as const;
export type ButtonId = (typeof CONFIRM_BUTTONS)[number]["id"];

export function buttonText(id: string): string | null {
  return CONFIRM_BUTTONS.find((b) => b.id === id)?.says ?? null;
}

export const INBOUND_KINDS = ["text", "button", "start", "audio", "image", "unsupported"] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** One customer message as any provider delivered it, normalised. */
export const inboundPayload = z.object({
  kind: z.enum(INBOUND_KINDS),
  /** Sender id on the channel (Telegram chat id, WhatsApp wa_id): where answers go. */
  senderId: z.string().min(1),
  senderName: z.string().nullable(),
  text: z.string().nullable(),
  /** Button pressed (kind `button`). */
  buttonId: z.string().nullable(),
  /** Provider media reference (Telegram file_id, WhatsApp media id) and its declared type. */
  media: z.object({ id: z.string(), mimeType: z.string().nullable(), size: z.number().nullable() }).nullable(),
  /** Telegram callback query to acknowledge, and the message that carried the buttons. */
  callback: z.object({ id: z.string(), messageId: z.number().nullable() }).nullable(),
  /** Provider message id to mark as read (WhatsApp). */
  readId: z.string().nullable(),
  sentAt: z.string(),
});
export type InboundPayload = z.infer<typeof inboundPayload>;

export const outboundButton = z.object({ id: z.string(), title: z.string() });

/** What the outbox sends; each provider renders it in its own API. */
export const outboundPayload = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: z.string(),
    buttons: z.array(outboundButton).optional(),
    /** Who wrote it: the bot answers inside the customer's window; staff replies may need a template. */
    author: z.enum(["bot", "staff", "system"]),
  }),
  z.object({ type: z.literal("read"), messageId: z.string() }),
  z.object({ type: z.literal("callback"), callbackId: z.string(), messageId: z.number().nullable() }),
]);
export type OutboundPayload = z.infer<typeof outboundPayload>;

export const QUEUE_STATUSES = ["pending", "working", "done", "failed"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
