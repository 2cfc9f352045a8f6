import { whatsappConfig } from "@/lib/channels/config";
import { ProviderError } from "@/lib/channels/errors";
import { lastCustomerMessageAt } from "@/lib/db/channel-events";
import type { OutboxRow } from "@/lib/db/outbox";
import type { OutboundPayload } from "@/lib/domain/channels";
import { graphCall, requireWhatsapp, WINDOW_CLOSED_CODE } from "./api";

// Renders an outbox row as Graph `messages` calls: text, reply buttons (interactive), the configured template
// when the customer's 24-hour window has closed, and read receipts (with the typing indicator).
type Text = Extract<OutboundPayload, { type: "text" }>;
type Sent = { messages?: { id?: string }[] };

export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** WhatsApp bold is *single*; the agent's **double** markup would show literally. */
export function toWhatsappText(text: string): string {
  return text.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "*$1*");
}

/** Template parameters may not hold new lines, tabs or more than four spaces in a row. */
function templateParameter(text: string): string {
  return toWhatsappText(text)
    .replace(/[\t\r\n]+/g, " · ")
    .replace(/ {4,}/g, "   ")
    .slice(0, 1000);
}

export function windowOpen(lastCustomerAt: Date | null, now = Date.now()): boolean {
  return lastCustomerAt !== null && now - lastCustomerAt.getTime() < WINDOW_MS;
}

function body(to: string, payload: Text, useTemplate: boolean) {
  const common = { messaging_product: "whatsapp", recipient_type: "individual", to };
  if (useTemplate) {
    const template = whatsappConfig()?.template;
    if (!template) {
      throw new ProviderError(
        "Han pasado más de 24 horas desde el último mensaje del cliente y no hay plantilla configurada (WHATSAPP_TEMPLATE_NAME): WhatsApp no permite entregar este mensaje.",
        { retryable: false, code: String(WINDOW_CLOSED_CODE) },
      );
    }
    return {
      ...common,
      type: "template",
      template: {
        name: template.name,
        language: { code: template.language },
        components: [{ type: "body", parameters: [{ type: "text", text: templateParameter(payload.text) }] }],
      },
    };
  }
  if (payload.buttons?.length) {
    return {
      ...common,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: toWhatsappText(payload.text) },
        action: { buttons: payload.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) },
      },
    };
  }
  return { ...common, type: "text", text: { preview_url: false, body: toWhatsappText(payload.text) } };
}

export async function sendWhatsapp(row: OutboxRow): Promise<string | null> {
  const config = requireWhatsapp();
  const path = `${config.phoneNumberId}/messages`;
  const payload = row.payload;
  if (payload.type === "read") {
    await graphCall("POST", path, {
      messaging_product: "whatsapp",
      status: "read",
      message_id: payload.messageId,
      typing_indicator: { type: "text" },
    });
    return null;
  }
  if (payload.type !== "text") return null;
  const useTemplate = !windowOpen(await lastCustomerMessageAt(row.chatId));
  const sent = await graphCall<Sent>("POST", path, body(row.recipient, payload, useTemplate));
  return sent.messages?.[0]?.id ?? null;
}
