import type { Principal } from "@/lib/auth/principal";
import { findConversation } from "@/lib/db/conversations";
import { releaseConversation, takeOverConversation } from "@/lib/db/inbox";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { AppError } from "@/lib/errors";

// /chat-control/*: the bot switches, reusing the console's functions (Setting `bot.global`,
// Conversation.botEnabled with takeover/release, audited there).
export function parseChatId(raw: string | undefined): string {
  const chatId = decodeURIComponent(raw ?? "").trim();
  if (!/^[\w.:-]{1,100}$/.test(chatId)) throw new AppError("not_found", "La conversación no existe.");
  return chatId;
}

export async function setConversationBot(
  chatId: string,
  wanted: boolean | undefined,
  principal: Principal,
  reason: string | null,
) {
  const conversation = await findConversation(chatId);
  if (!conversation) throw new AppError("not_found", "La conversación no existe.");
  const enable = wanted ?? !conversation.botEnabled;
  if (enable !== conversation.botEnabled) {
    if (enable) await releaseConversation(chatId, principal, reason);
    else await takeOverConversation(chatId, principal, reason);
  }
  return { chat_id: chatId, bot_activo: enable };
}

export async function shouldRespond(chatId: string) {
  const [global, conversation] = await Promise.all([getGlobalBotSetting(), findConversation(chatId)]);
  const conversationOn = conversation?.botEnabled ?? true;
  const motivo = !global.enabled
    ? "El asesor virtual está apagado para todas las conversaciones."
    : !conversationOn
      ? "Un asesor humano atiende esta conversación."
      : "El asesor virtual atiende esta conversación.";
  return {
    chat_id: chatId,
    debe_responder: global.enabled && conversationOn,
    bot_global_activo: global.enabled,
    bot_conversacion_activo: conversationOn,
    conversacion_existe: conversation !== null,
    motivo,
  };
}
