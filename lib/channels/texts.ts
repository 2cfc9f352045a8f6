// What the channels say on their own (not the agent): fixed Spanish texts.
export const TEXTS = {
  noModel: {
    audio: "Por ahora no puedo escuchar notas de voz. ¿Me escribes tu consulta en un mensaje de texto, por favor?",
    image: "Por ahora no puedo ver fotos. ¿Me escribes qué producto buscas, por favor?",
  },
  mediaUnreadable: {
    audio: "No pude escuchar tu nota de voz. ¿Me la envías de nuevo o me escribes tu consulta?",
    image: "No pude abrir tu foto. ¿Me la envías de nuevo o me escribes qué producto buscas?",
  },
  unsupported: "Por ahora solo leo mensajes de texto, notas de voz y fotos. ¿Me escribes tu consulta, por favor?",
  tooLong: "Tu mensaje es muy largo para mí. ¿Me lo envías en partes de menos de 1000 caracteres?",
  rateLimited: "Recibí muchos mensajes seguidos. Dame un momento y escríbeme de nuevo en un minuto, por favor.",
  botOff:
    "Un asesor de nuestro equipo está atendiendo esta conversación y te responderá en breve. ¡Gracias por tu paciencia!",
  unanswered: "Tuvimos un problema para responder tu mensaje. Un asesor de nuestro equipo lo revisará y te escribirá.",
  placeholder: { audio: "[Nota de voz]", image: "[Foto]", unsupported: "[Mensaje no compatible]" },
} as const;

/** The conversation notice when a message could not be delivered (shown in the console, never sent). */
export function deliveryFailedNotice(channel: string, text: string, reason: string): string {
  const label = channel === "whatsapp" ? "WhatsApp" : "Telegram";
  const preview = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return `No se pudo entregar por ${label}: «${preview}». Motivo: ${reason}`;
}
