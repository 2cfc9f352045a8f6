import { z } from "zod";
import type { NewChannelEvent } from "@/lib/db/channel-events";
import type { InboundPayload } from "@/lib/domain/channels";

// WhatsApp Cloud API webhook bodies: {object: "whatsapp_business_account", entry: [{changes: [{field: "messages",
// value: {metadata: {phone_number_id}, contacts, messages, statuses, errors}}]}]} → customer events and statuses.
const media = z.looseObject({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() });
const message = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  audio: media.optional(),
  image: media.optional(),
});
const statusError = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
export const whatsappStatus = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z.array(statusError).optional(),
});
export type WhatsappStatus = z.infer<typeof whatsappStatus>;

const value = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).optional(),
  contacts: z
    .array(z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string() }).optional() }))
    .optional(),
  messages: z.array(message).optional(),
  statuses: z.array(whatsappStatus).optional(),
  errors: z.array(statusError).optional(),
});
export const whatsappWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({ id: z.string().optional(), changes: z.array(z.looseObject({ field: z.string(), value })) }),
  ),
});
export type WhatsappWebhook = z.infer<typeof whatsappWebhook>;

function toPayload(m: z.infer<typeof message>, name: string | null): InboundPayload | null {
  const sentAt = m.timestamp ? new Date(Number(m.timestamp) * 1000).toISOString() : new Date().toISOString();
  const common = {
    senderId: m.from,
    senderName: name,
    text: null,
    buttonId: null,
    media: null,
    callback: null,
    readId: m.id,
    sentAt,
  };
  switch (m.type) {
    case "text":
      return { ...common, kind: "text", text: m.text?.body ?? "" };
    case "interactive": {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return reply
        ? { ...common, kind: "button", buttonId: reply.id, text: reply.title ?? null }
        : { ...common, kind: "unsupported" };
    }
    case "button": // a quick-reply button of a template: its text is what the customer "said"
      return { ...common, kind: "text", text: m.button?.text ?? m.button?.payload ?? "" };
    case "audio":
    case "image": {
      const file = m.type === "audio" ? m.audio : m.image;
      if (!file) return { ...common, kind: "unsupported" };
      return {
        ...common,
        kind: m.type,
        media: { id: file.id, mimeType: file.mime_type ?? null, size: null },
        text: file.caption ?? null,
      };
    }
    case "reaction":
      return null; // an emoji on one of our messages is not something to answer
    default:
      return { ...common, kind: "unsupported" };
  }
}

/** The deliveries for our phone number; other numbers of the same business account are not ours to answer. */
export function readWebhook(body: WhatsappWebhook, phoneNumberId: string) {
  const events: NewChannelEvent[] = [];
  const statuses: WhatsappStatus[] = [];
  const errors: unknown[] = [];
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages" || change.value.metadata?.phone_number_id !== phoneNumberId) continue;
      const names = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
      for (const m of change.value.messages ?? []) {
        const payload = toPayload(m, names.get(m.from) ?? null);
        if (payload) events.push({ channel: "whatsapp", externalId: m.id, orderKey: `whatsapp:${m.from}`, payload });
      }
      statuses.push(...(change.value.statuses ?? []));
      errors.push(...(change.value.errors ?? []));
    }
  }
  return { events, statuses, errors };
}
