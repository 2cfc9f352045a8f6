// WhatsApp spelling → standard words before any rule runs: "q" → "que", "pa" → "para",
// "kiero" → "quiero", "xfa" → "por favor". Whole words only; everything else is left as typed
// (names, numbers, addresses keep their case and punctuation).

const WORDS: Record<string, string> = {
  q: "que",
  k: "que",
  ke: "que",
  qe: "que",
  xq: "porque",
  pq: "porque",
  porq: "porque",
  xfa: "por favor",
  xfavor: "por favor",
  porfa: "por favor",
  porfis: "por favor",
  plis: "por favor",
  pls: "por favor",
  pa: "para",
  pal: "para el",
  tb: "también",
  tbn: "también",
  tmb: "también",
  tambn: "también",
  d: "de",
  dl: "del",
  dnd: "donde",
  dnde: "donde",
  kiero: "quiero",
  qiero: "quiero",
  kisiera: "quisiera",
  qisiera: "quisiera",
  nesesito: "necesito",
  nececito: "necesito",
  nesecito: "necesito",
  nesito: "necesito",
  nesesitamos: "necesitamos",
  ola: "hola",
  holis: "hola",
  bns: "buenas",
  bnas: "buenas",
  bn: "bien",
  ud: "usted",
  uds: "ustedes",
  ustd: "usted",
  sr: "señor",
  aki: "aquí",
  kuanto: "cuánto",
  cuantos: "cuántos",
  tienn: "tienen",
  tiennen: "tienen",
  bale: "vale",
  balen: "valen",
  presio: "precio",
  presios: "precios",
  cotisacion: "cotización",
  cotisar: "cotizar",
  enbio: "envío",
  enbios: "envíos",
  enbian: "envían",
  ai: "ahí",
  hai: "hay",
  ay: "hay",
  sip: "sí",
  simon: "sí",
  nop: "no",
  okis: "ok",
  oka: "ok",
  vrdd: "verdad",
  msj: "mensaje",
  info: "información",
  xa: "para",
};

// "x" is "por" only between words ("x favor"), never in sizes or packs ("caja x20", "30 x 20").
const X_AS_POR = /(^|\s)x(?=\s+[a-záéíóúñ])/giu;

const WORD = /(?<![\p{L}\d@._-])[\p{L}]+(?![\p{L}\d@_-])/gu;

// "ay" is "hay" misspelt ("ay cascos?") unless it is the interjection: "ay, perdón", "ay no, mejor…".
const INTERJECTION_AFTER = /^\s*[,!.]|^\s+(?:no|si|sí|perd[oó]n|qu[eé] pena|disculp\w*|mejor|dios|caramba|jue\w*)\b/iu;

/** Rewrites chat abbreviations and common misspellings of function words and verbs. */
export function expandChatAbbreviations(text: string): string {
  return text
    .replace(X_AS_POR, (_m, space: string) => `${space}por`)
    .replace(WORD, (word: string, offset: number, whole: string) => {
      // Single letters only when typed in lower case and not an address suffix ("Calle 5 D # 38-25").
      if (word.length === 1 && (word !== word.toLowerCase() || /\d\s*$/.test(whole.slice(0, offset)))) return word;
      if (word.toLowerCase() === "ay" && INTERJECTION_AFTER.test(whole.slice(offset + word.length))) return word;
      return WORDS[word.toLowerCase()] ?? word;
    });
}
