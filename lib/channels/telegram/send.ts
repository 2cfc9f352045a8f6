import { isProviderError } from "@/lib/channels/errors";
import type { OutboxRow } from "@/lib/db/outbox";
import type { OutboundPayload } from "@/lib/domain/channels";
import { telegramCall } from "./api";
import { stripBold, toMarkdownV2 } from "./markdown";

// Renders an outbox row as Bot API calls. Text goes as MarkdownV2 (escaped, so the agent's text can never break
// parsing); if Telegram still refuses the entities, the same text goes out plain rather than not at all.
type Text = Extract<OutboundPayload, { type: "text" }>;

function keyboard(payload: Text) {
  if (!payload.buttons?.length) return {};
  return {
    reply_markup: { inline_keyboard: [payload.buttons.map((b) => ({ text: b.title, callback_data: b.id }))] },
  };
}

async function sendText(chatId: string, payload: Text): Promise<string> {
  const common = { chat_id: chatId, link_preview_options: { is_disabled: true }, ...keyboard(payload) };
  try {
    const sent = await telegramCall<{ message_id: number }>("sendMessage", {
      ...common,
      text: toMarkdownV2(payload.text),
      parse_mode: "MarkdownV2",
    });
    return String(sent.message_id);
  } catch (error) {
    if (!isProviderError(error) || error.code !== "400" || !/can't parse entities/i.test(error.message)) throw error;
    const sent = await telegramCall<{ message_id: number }>("sendMessage", {
      ...common,
      text: stripBold(payload.text),
    });
    return String(sent.message_id);
  }
}

/** Stops the spinner on the pressed button and removes the buttons, so an old confirmation cannot be pressed twice. */
async function acknowledge(chatId: string, callbackId: string, messageId: number | null): Promise<void> {
  try {
    await telegramCall("answerCallbackQuery", { callback_query_id: callbackId });
  } catch (error) {
    // a query older than a few seconds can no longer be answered; nothing the customer would miss
    if (!isProviderError(error) || error.code !== "400") throw error;
  }
  if (messageId === null) return;
  try {
    await telegramCall("editMessageReplyMarkup", {
      chat_id: chatId,
      message_id: messageId,
      reply_markup: { inline_keyboard: [] },
    });
  } catch (error) {
    if (!isProviderError(error) || error.code !== "400") throw error; // "message is not modified"
  }
}

/** Sends the row; returns the provider's message id when there is one. */
export async function sendTelegram(row: OutboxRow): Promise<string | null> {
  const payload = row.payload;
  if (payload.type === "text") return sendText(row.recipient, payload);
  if (payload.type === "callback") {
    await acknowledge(row.recipient, payload.callbackId, payload.messageId);
    return null;
  }
  return null; // Telegram has no read receipts for bots
}
