import type { CompanySections } from "@/lib/agent/company";
import { foldText } from "@/lib/agent/normalize";

// What the customer is told when the bot does not answer. Staff attending: a person answers here. The bot
// switched off for everyone: the truth (nobody may be watching right now), the opening hours, and a way to be
// called back; the conversation is queued for staff (Conversation.attentionReason = ATTENTION_BOT_OFF).
export const HUMAN_NOTICE =
  "Un asesor de nuestro equipo está atendiendo esta conversación y te responderá en breve. ¡Gracias por tu paciencia!";

export const ATTENTION_BOT_OFF = "bot_off";

/** "lunes a viernes de 7:30 a. m. a 5:30 p. m.; sábados …" from the company text, if it states its hours. */
export function openingHours(company: CompanySections): string | null {
  for (const section of company.sections) {
    const line = section.content.split("\n").find((l) => foldText(l).includes("horario"));
    if (line) {
      const hours = line
        .replace(/^[-*\s]*/, "")
        .replace(/^horario[^:]*:\s*/i, "")
        .trim()
        .replace(/\.$/, "");
      if (hours) return hours;
    }
  }
  return null;
}

export function pausedNotice(company: CompanySections): string {
  const hours = openingHours(company);
  return [
    "En este momento el asesor virtual está en pausa y nadie de nuestro equipo está respondiendo al instante.",
    "Tu mensaje quedó en la fila de atención: una persona te responderá aquí mismo",
    hours ? `en nuestro horario (${hours}).` : "en cuanto pueda.",
    "Si prefieres que te llamemos, déjanos tu número de teléfono y te contactamos.",
  ].join(" ");
}
