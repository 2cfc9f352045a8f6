// Conversation-control signals (confirm, refuse, finish, cancel) detected on accent-free text.

import { foldText } from "./normalize";

function clean(text: string): string {
  return foldText(text)
    .replace(/[¿?¡!.,;:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const FINISH =
  /\b(eso (es|seria|sería) todo|es todo|seria todo|nada mas|solo eso|con eso (es suficiente|basta|estamos|quedo)|ya (es|seria) todo|eso no mas|nada adicional|(terminar|finalizar|cerrar|cierre|cierra|cerremos|finalice|finalicemos) (el )?(pedido|compra)|proceder (con el|al) (pago|pedido)|ya termine|ya con eso|con eso|ya esta todo|eso era todo|no (necesito|quiero) nada mas)\b/;
const CANCEL =
  /\b(cancel(a|e|ar|alo|elo|enlo)( (el|mi|ese|todo el) (pedido|compra))?|anul(a|e|ar|alo|elo)|olvid(a|e)(lo|la|te|se)|ya no (lo |la |los |las )?(quiero|necesito)( nada)?|no quiero nada|deja(lo)? asi no mas|mejor no (quiero|compro) nada)\b/;
const CONFIRM_START =
  /^(si+|sip|sisas|simon|claro|dale|dele|de una|listo|ok|okay|okey|hagale|hagamosle|perfecto|correcto|bueno|adelante|procede|proceda|procedamos|por supuesto|exacto|afirmativo|va|vamos|confirmo|confirmado|confirma|confirme|me sirve|esta bien|todo bien|me parece bien|asi es|eso es|hecho|de acuerdo)\b/;
const CONFIRM_ANY =
  /\b(confirm(o|a|ar|amos|ado|ada|e)|si (señor|senor|senora|por favor|porfa|claro)|de una|hagale|procede con|esta bien asi|asi esta bien|me (las|los|la|lo) separa|separ(a|e)(me)?(l[oa]s?)|apart(a|e)(me)?(l[oa]s?))\b/;
const REFUSE =
  /^(no+|nop|nel|nones|todavia no|aun no|aún no|despues|luego|mas tarde|mas adelante|otro dia|ahorita no|por ahora no|de pronto despues|dej(a|e)me (lo )?pensar(lo)?|lo pienso|lo voy a pensar|lo consulto|esper(a|e)(me)?|mejor no|no gracias)\b/;

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
    /\b(todavia no|aun no|despues (lo |le |te )?(confirmo|miro|hablamos|aviso|escribo)|mas tarde|no (confirmo|estoy seguro)|(lo|le) (confirmo|aviso) (despues|luego|mas tarde|manana))\b/.test(
      t,
    )
  );
}

export function isGreeting(text: string): boolean {
  return /^(hola|buen(os|as)( dias| tardes| noches)?|saludos|hey|que tal|buenas)\b/.test(clean(text));
}

export function isThanks(text: string): boolean {
  return /\b(gracias|muy amable|te agradezco)\b/.test(clean(text));
}
