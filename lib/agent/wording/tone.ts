// Wording per tone. Tones change phrasing only; every fact comes from AnswerFacts.

import type { Tone } from "@/lib/agent/types";

export type Phrases = {
  hello: string;
  productsIntro: (query: string | null, count: number) => string;
  categoryIntro: string;
  noResults: string;
  askChoice: string;
  ambiguousIntro: string;
  /** "That's all" while a product is still to be chosen: the choice, asked once more. */
  choiceOpenIntro: string;
  choiceOrSkip: string;
  /** `units`: the product's own unit in plural ("cajas"). */
  askQuantity: (name: string, units: string) => string;
  stockShort: (qty: string, name: string) => string;
  stockOffer: (requested: string, short: string) => string;
  notFound: (query: string) => string;
  productsOutro: string;
  added: string;
  cartIntro: string;
  needData: string;
  readyIntro: string;
  confirmQuestion: string;
  closed: string;
  postponed: string;
  cancelled: string;
  anythingElse: string;
  companyIntro: string;
  refusedClient: string;
  fallback: string;
  thanks: string;
  later: string;
  catalogueIntro: string;
  unavailable: (words: string) => string;
  nearestIntro: string;
  moreProducts: (count: number) => string;
  cartView: string;
  emptyCartView: string;
  reconfirm: string;
  replaced: (from: string, to: string) => string;
  companyMissing: string;
  handoverAsked: string;
  handoverNotUnderstood: string;
  notUnderstoodOnce: string;
  stillChoosing: string;
};

const BASE: Phrases = {
  hello: "¡Hola! Bienvenido a Sextinvalle.",
  productsIntro: (_q, n) => (n === 1 ? "Te cuento de esta opción:" : "Estas son las opciones que tenemos:"),
  categoryIntro: "Manejamos estas líneas de productos:",
  noResults: "No encontré productos que coincidan con eso en el catálogo.",
  askChoice: "¿Cuál de estas opciones prefieres?",
  ambiguousIntro: "Tengo varias opciones que coinciden",
  choiceOpenIntro: "Antes de seguir, me falta saber cuál quieres",
  choiceOrSkip: "¿Cuál eliges? Si prefieres no llevarlo, dímelo y seguimos.",
  askQuantity: (name, units) => `¿Cuántas ${units} de ${name} necesitas?`,
  stockShort: (qty, name) => `solo tenemos ${qty} de ${name}`,
  stockOffer: (requested, short) => `Me pediste ${requested}, pero ${short}. ¿Te las separo?`,
  notFound: (query) => `No encontré "${query}" en el catálogo. ¿Me lo describes de otra forma?`,
  productsOutro: "Los precios incluyen IVA. ¿Quieres que te separe alguno?",
  added: "Listo, quedó así tu pedido:",
  cartIntro: "Tu pedido va así:",
  needData: "Para terminar necesito estos datos:",
  readyIntro: "Este es el resumen de tu pedido:",
  confirmQuestion: "¿Confirmas el pedido?",
  closed: "¡Pedido confirmado! Ya quedó registrado y te contactaremos para coordinar la entrega.",
  postponed: "Sin problema, dejo el pedido abierto para cuando quieras confirmarlo.",
  cancelled: "Listo, cancelé el pedido.",
  anythingElse: "¿Necesitas algo más o cerramos el pedido?",
  companyIntro: "",
  refusedClient:
    "Por privacidad no puedo compartir información de otros clientes. Esa consulta solo la puede hacer el personal de Sextinvalle.",
  fallback:
    "Puedo ayudarte a consultar productos, precios y disponibilidad, hacer un pedido o darte información de la empresa.",
  thanks: "¡Con gusto!",
  later: "Claro, con calma. Aquí estoy cuando lo decidas.",
  catalogueIntro: "Esto es lo que manejamos:",
  unavailable: (words) => `No tenemos "${words}" tal como lo pides.`,
  nearestIntro: "Lo más cercano que tenemos:",
  moreProducts: (count) => `…y ${count} ${count === 1 ? "opción más" : "opciones más"}; dime cuál buscas y la afino.`,
  cartView: "Tu pedido va así:",
  emptyCartView: "Tu pedido todavía no tiene productos.",
  reconfirm: "Tu pedido cambió desde el último resumen; revísalo y confírmalo de nuevo:",
  replaced: (from, to) => `Cambié ${from} por ${to}.`,
  companyMissing: "No tengo ese dato escrito; con gusto te lo confirma un asesor. Puedes contactarnos así:",
  handoverAsked:
    "Claro, te comunico con un asesor de nuestro equipo; ya le avisé y te escribirá por este mismo chat en breve.",
  handoverNotUnderstood:
    "Disculpa, no logré entenderte. Para no hacerte perder tiempo, le pedí a un asesor de nuestro equipo que continúe la conversación contigo; te escribirá por este mismo chat en breve.",
  notUnderstoodOnce: "Disculpa, no te entendí bien. ¿Me lo dices de otra forma?",
  stillChoosing: "Me falta saber cuál de estas opciones prefieres:",
};

const OVERRIDES: Record<Tone, Partial<Phrases>> = {
  formal: {
    hello: "Buen día, le damos la bienvenida a Sextinvalle.",
    productsIntro: (_q, n) => (n === 1 ? "Le comparto la siguiente opción:" : "Le comparto las opciones disponibles:"),
    askChoice: "¿Cuál de estas opciones prefiere?",
    ambiguousIntro: "Contamos con varias referencias que coinciden",
    choiceOpenIntro: "Antes de continuar, me falta saber cuál desea",
    choiceOrSkip: "¿Cuál elige? Si prefiere no llevarlo, me indica y continuamos.",
    askQuantity: (name, units) => `¿Cuántas ${units} de ${name} requiere?`,
    stockShort: (qty, name) => `en este momento solo contamos con ${qty} de ${name}`,
    stockOffer: (requested, short) => `Usted solicitó ${requested}, pero ${short}. ¿Desea que se las separemos?`,
    notFound: (query) => `No encontramos "${query}" en el catálogo. ¿Podría describirlo de otra forma?`,
    productsOutro: "Los precios incluyen IVA. ¿Desea que le separemos alguno?",
    added: "Su pedido quedó de la siguiente manera:",
    cartIntro: "Su pedido se encuentra así:",
    needData: "Para finalizar, le solicito amablemente los siguientes datos:",
    readyIntro: "A continuación, el resumen de su pedido:",
    confirmQuestion: "¿Desea confirmar el pedido?",
    closed: "Su pedido ha sido confirmado y registrado. Nos comunicaremos con usted para coordinar la entrega.",
    postponed: "Entendido. El pedido queda abierto para cuando desee confirmarlo.",
    cancelled: "Entendido, el pedido ha sido cancelado.",
    anythingElse: "¿Requiere algo adicional o procedemos a cerrar el pedido?",
    noResults: "No encontramos productos que coincidan con su búsqueda en el catálogo.",
    refusedClient:
      "Por políticas de privacidad no es posible compartir información de otros clientes; esa consulta está reservada al personal autorizado.",
    fallback:
      "Con gusto le ayudo a consultar productos, precios y disponibilidad, a realizar un pedido o a conocer información de la empresa.",
    thanks: "Con mucho gusto.",
    later: "Con gusto. Quedamos atentos cuando lo decida.",
  },
  informal: {
    hello: "¡Hola! ¿Qué más?",
    productsIntro: (_q, n) => (n === 1 ? "Mira, tengo esta:" : "Mira lo que tengo:"),
    askChoice: "¿Cuál te sirve?",
    ambiguousIntro: "Ojo, hay varias que te sirven",
    choiceOpenIntro: "Antes de seguir, me falta saber cuál te llevas",
    choiceOrSkip: "¿Cuál? Si no lo quieres, me dices y seguimos.",
    added: "Listo, así va tu pedido:",
    needData: "Pa' cerrar me faltan estos datos:",
    confirmQuestion: "¿Le damos?",
    anythingElse: "¿Algo más o cerramos?",
    thanks: "¡De nada!",
  },
  amigable: {
    hello: "¡Hola! Qué gusto saludarte 😊",
    productsIntro: (_q, n) => (n === 1 ? "¡Tengo justo lo que buscas!" : "¡Mira estas opciones que te pueden servir!"),
    added: "¡Perfecto! Así va tu pedido:",
    closed: "¡Listo, tu pedido quedó confirmado! 🎉 Te contactaremos para coordinar la entrega.",
    thanks: "¡Con muchísimo gusto!",
  },
  profesional: {
    hello: "Hola, gracias por comunicarse con Sextinvalle.",
    productsIntro: (_q, n) =>
      n === 1
        ? "Esta es la referencia que cumple con lo solicitado:"
        : "Estas son las referencias que cumplen con lo solicitado:",
    added: "Pedido actualizado:",
    needData: "Para emitir la factura electrónica y programar el despacho necesito:",
    readyIntro: "Resumen del pedido:",
    confirmQuestion: "¿Confirma el pedido para proceder?",
  },
  cercano: {
    hello: "¡Hola! Qué bueno tenerte por acá.",
    productsIntro: (_q, n) => (n === 1 ? "Te recomiendo esta opción:" : "Te muestro lo que tenemos para ti:"),
    added: "Listo, te lo dejo así:",
    needData: "Ya casi terminamos, solo me faltan estos datos:",
    confirmQuestion: "¿Te lo confirmo?",
  },
  vendedor: {
    hello: "¡Hola! Bienvenido a Sextinvalle, tenemos lo que necesitas en seguridad industrial.",
    productsIntro: (_q, n) =>
      n === 1 ? "¡Excelente elección! Esta referencia es muy pedida:" : "¡Tenemos excelentes opciones para ti!",
    added: "¡Buena compra! Tu pedido va así:",
    anythingElse:
      "¿Te agrego algo más? Aprovecha: en Cali, Yumbo, Jamundí y Palmira el envío es gratis desde $ 500.000.",
    confirmQuestion: "¿Lo confirmamos de una vez?",
  },
  "orientado a solucionar": {
    hello: "Hola, cuéntame qué necesitas y lo resolvemos.",
    productsIntro: (_q, n) =>
      n === 1 ? "Esta opción resuelve lo que necesitas:" : "Estas opciones resuelven lo que necesitas:",
    noResults: "No encontré eso en el catálogo; dime para qué lo vas a usar y te propongo una alternativa.",
    needData: "Para dejar todo resuelto me faltan:",
    confirmQuestion: "¿Confirmo el pedido para dejarlo listo?",
  },
};

export function phrasesFor(tone: Tone | undefined): Phrases {
  return { ...BASE, ...(tone ? OVERRIDES[tone] : {}) };
}

/** Brief answers drop the optional closing sentences; facts and questions that need an answer stay. */
export function briefPhrases(t: Phrases): Phrases {
  return { ...t, hello: "", anythingElse: "", productsOutro: "Precios con IVA incluido." };
}
