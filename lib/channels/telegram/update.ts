import { z } from "zod";
import type { NewChannelEvent } from "@/lib/db/channel-events";
import type { InboundPayload } from "@/lib/domain/channels";

// Telegram Update objects (webhook body and getUpdates items) → normalised customer events. Only private chats
// with people are handled; groups, channels, bots and edits are acknowledged and ignored.
const user = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const chat = z.looseObject({ id: z.number(), type: z.string() });
const file = z.looseObject({
  file_id: z.string(),
  file_unique_id: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().optional(),
});
const message = z.looseObject({
  message_id: z.number(),
  date: z.number(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  voice: file.optional(),
  audio: file.optional(),
  photo: z.array(file.extend({ width: z.number().optional(), height: z.number().optional() })).optional(),
});
export const telegramUpdate = z.looseObject({
  update_id: z.number().int(),
  message: message.optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      from: user,
      message: z.looseObject({ message_id: z.number(), chat }).optional(),
      data: z.string().optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdate>;

const nameOf = (u: z.infer<typeof user> | undefined) =>
  [u?.first_name, u?.last_name].filter(Boolean).join(" ").trim() || (u?.username ? `@${u.username}` : null);

function base(senderId: string, name: string | null, date: number): Omit<InboundPayload, "kind"> {
  return {
    senderId,
    senderName: name,
    text: null,
    buttonId: null,
    media: null,
    callback: null,
    readId: null,
    sentAt: new Date(date * 1000).toISOString(),
  };
}

function fromMessage(m: z.infer<typeof message>): InboundPayload | null {
  if (m.chat.type !== "private" || m.from?.is_bot) return null;
  const common = base(String(m.chat.id), nameOf(m.from), m.date);
  if (m.text !== undefined) {
    if (/^\/start(@\w+)?(\s|$)/.test(m.text)) return { ...common, kind: "start", text: m.text };
    return { ...common, kind: "text", text: m.text };
  }
  const voice = m.voice ?? m.audio;
  if (voice) {
    const media = { id: voice.file_id, mimeType: voice.mime_type ?? "audio/ogg", size: voice.file_size ?? null };
    return { ...common, kind: "audio", media, text: m.caption ?? null };
  }
  if (m.photo && m.photo.length > 0) {
    // sizes come smallest first; the largest one is what a model reads best
    const largest = m.photo[m.photo.length - 1];
    if (!largest) return null;
    const media = { id: largest.file_id, mimeType: "image/jpeg", size: largest.file_size ?? null };
    return { ...common, kind: "image", media, text: m.caption ?? null };
  }
  return { ...common, kind: "unsupported", text: m.caption ?? null };
}

/** The update as at most one event (Telegram sends one message or one button press per update). */
export function eventFromUpdate(update: TelegramUpdate): NewChannelEvent | null {
  if (update.message) {
    const payload = fromMessage(update.message);
    if (!payload) return null;
    return {
      channel: "telegram",
      externalId: `m:${update.message.chat.id}:${update.message.message_id}`,
      orderKey: `telegram:${payload.senderId}`,
      payload,
    };
  }
  const cb = update.callback_query;
  if (cb?.message && cb.message.chat.type === "private" && !cb.from.is_bot) {
    const payload: InboundPayload = {
      ...base(String(cb.message.chat.id), nameOf(cb.from), Math.floor(Date.now() / 1000)),
      kind: "button",
      buttonId: cb.data ?? null,
      callback: { id: cb.id, messageId: cb.message.message_id },
    };
    return { channel: "telegram", externalId: `cb:${cb.id}`, orderKey: `telegram:${payload.senderId}`, payload };
  }
  return null;
}
