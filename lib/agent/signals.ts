// Conversation-control signals (confirm, refuse, finish, cancel) detected on accent-free text.

import { foldText } from "./normalize";

function clean(text: string): string {
  return foldText(text)
    .replace(/[¿?¡!.,;:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const FINISH =
  /\b(eso (es|seria|sería) todo|es todo|seria todo|nada mas|solo eso|con eso (es suficiente|basta|estamos|quedo)|ya (es|seria) todo|eso no mas|nada adicional|(terminar|finalizar|cerrar) (el )?(pedido|compra)|proceder (con el|al) (pago|pedido)|ya termine)\b/;
const CANCEL =
  /\b(cancela(r|lo)?( (el|mi) (pedido|compra))?|anula(r|lo)?|olvida(lo|te)|ya no (lo )?quiero( nada)?|no quiero nada|deja(lo)? asi no mas)\b/;
const CONFIRM_START =
  /^(si+|sip|claro|dale|de una|listo|ok|okay|okey|hagale|perfecto|correcto|bueno|adelante|procede|procedamos|por supuesto|exacto|afirmativo|va|confirmo|confirmado|confirma|me sirve|esta bien|todo bien|me parece bien)\b/;
const CONFIRM_ANY =
  /\b(confirm(o|a|ar|amos|ado|ada)|si (señor|senor|por favor|porfa)|de una|hagale|procede con|esta bien asi|asi esta bien|me las separa|separamelas|separalas)\b/;
const REFUSE =
  /^(no+|nop|nel|todavia no|aun no|aún no|despues|luego|mas tarde|ahorita no|por ahora no|dejame pensarlo|lo pienso|lo voy a pensar|espera(me)?|mejor no|no gracias)\b/;

export function isFinishCart(text: string): boolean {
  return FINISH.test(clean(text));
}

export function isCancel(text: string): boolean {
  return CANCEL.test(clean(text));
}

export function isConfirmation(text: string): boolean {
  const t = clean(text);
  if (REFUSE.test(t) || /\bno (confirmo|todavia|aun)\b/.test(t)) return false;
  return CONFIRM_START.test(t) || CONFIRM_ANY.test(t);
}

export function isRefusal(text: string): boolean {
  const t = clean(text);
  return (
    REFUSE.test(t) ||
    /\b(todavia no|aun no|despues (lo )?(confirmo|miro|hablamos)|mas tarde|no (confirmo|estoy seguro))\b/.test(t)
  );
}

export function isGreeting(text: string): boolean {
  return /^(hola|buen(os|as)( dias| tardes| noches)?|saludos|hey|que tal|buenas)\b/.test(clean(text));
}

export function isThanks(text: string): boolean {
  return /\b(gracias|muy amable|te agradezco)\b/.test(clean(text));
}
