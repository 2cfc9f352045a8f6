// Spanish text analyser shared by the catalog index, the extractor and the DB `searchText` column.
// Everything is accent-free lower case so "Extintóres", "extintores" and "EXTINTOR" meet.

import { replaceNumberWords } from "./numbers";

export { parseNumberWord, replaceNumberWords } from "./numbers";

/** Lower-case, strip accents (ñ→n), collapse whitespace. Keeps punctuation. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const UNIT_ALIASES: Record<string, string> = {
  lb: "lb",
  lbs: "lb",
  libra: "lb",
  libras: "lb",
  kg: "kg",
  kilo: "kg",
  kilos: "kg",
  gal: "gal",
  galon: "gal",
  galones: "gal",
  m: "m",
  mt: "m",
  mts: "m",
  metro: "m",
  metros: "m",
  cm: "cm",
  centimetro: "cm",
  centimetros: "cm",
  mm: "mm",
  pulg: "pulg",
  pulgada: "pulg",
  pulgadas: "pulg",
  g: "g",
  gr: "g",
  gramos: "g",
  db: "db",
  v: "v",
  voltios: "v",
};

/** Canonical unit for a measurement word ("libras" → "lb"), or null. */
export function canonicalUnit(word: string): string | null {
  return UNIT_ALIASES[word] ?? null;
}

/** Folded word tokens; "20lb" → ["20","lb"], "1.000" → ["1000"], "2.5" stays one token. */
export function tokenize(text: string): string[] {
  const folded = foldText(text)
    .replace(/(\d)\.(\d{3})(?!\d)/g, "$1$2")
    .replace(/(\d)\.(\d{3})(?!\d)/g, "$1$2")
    .replace(/\b(\d+)([a-z]+)\b/g, (whole, digits: string, letters: string) =>
      UNIT_ALIASES[letters] ? `${digits} ${letters}` : whole,
    );
  return folded.match(/[a-z0-9]+(?:\.\d+)?/g) ?? [];
}

// Function words and chat verbs that never identify a product.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a al algo algun alguna alguno algunos ante asi aun bajo bien buen buena buenas bueno buenos cada como con contra cual cuales " +
    "cuando cuanto cuanta cuantos cuantas de del desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta " +
    "estas este esto estos favor fue ha han hay hola la las le les lo los mas me mi mis muy nos nosotros o os otra otro otros " +
    "para pero poco por porfa porque pues que se sea sean ser si sin sobre solo su sus tal tambien te tiene tienen tienes " +
    "tengo todo todos tu tus un una unas uno unos usted ustedes vos y ya yo " +
    "quiero quisiera queria necesito necesitamos necesita busco buscamos buscando manejan maneja venden vende vendes " +
    "precio precios cuesta cuestan vale valen valor costo costos stock disponible disponibles disponibilidad existencia " +
    "existencias muestrame mostrar muestra muestreme ver dame deme denme regalame regaleme comprar compra compro pedir " +
    "pido pedido cotizacion cotizar cotizame agregar agrega agregue agregame anadir anade anademe sumale suma llevo lleva " +
    "llevar sirve sirven servir gracias dias tardes noches producto productos articulo articulos cosa cosas ofrecen " +
    "hacer hacen tener tenemos puedo puede pueden podrian podria seria gustaria interesa info informacion " +
    "mejor entonces listo dale ok okey vale porfavor saber quisieramos ademas igual alli ahi aqui " +
    "referencia referencias modelo opciones opcion todavia aun despues luego tarde confirmo confirma confirmar " +
    "confirmado cancelar cancela perfecto correcto bueno hagale quedo queda quedaria " +
    // Chat fillers and usted/tú imperatives: they frame the request, never name the product.
    "no ni nada pues senor senora sumerce don dona vecino veci amigo amiga parce hermano socio ahora hoy manana urgente " +
    "rapido haga hagame hazme haz mande manda mandeme mandame mandar envieme enviame agregueme agregame cotizeme " +
    "coticeme cotizame separe separeme separame aparteme apartame vendame vendeme regaleme regalame pongame ponme " +
    "alisteme alistame llevamos necesitaria requiero requerimos ocupo ocupamos recomienda recomiendan recomendar " +
    "recomiendame recomiendeme sugiere aconseja " +
    // Apologies and courtesy around corrections ("no, perdón, que sean 2", "muchas gracias, muy amable").
    "perdon perdone perdoneme disculpa disculpe disculpeme mucha muchas mucho muchos amable jaja jajaja jeje"
  ).split(" "),
);

// Irregular forms the suffix rules would mangle; value is the shared stem.
const STEM_EXCEPTIONS: Record<string, string> = {
  arnes: "arnes",
  arneses: "arnes",
  gases: "gas",
  gas: "gas",
  tenis: "tenis",
  mes: "mes",
  meses: "mes",
  luces: "luz",
  oidos: "oid",
  oido: "oid",
};

/** Light Spanish stemmer: plural → singular, gender and a few derivations ("soldar"/"soldador" → "sold"). */
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = stemUncached(word);
  if (stemCache.size < 100_000) stemCache.set(word, result);
  return result;
}

function stemUncached(word: string): string {
  const exception = STEM_EXCEPTIONS[word];
  if (exception) return exception;
  if (word.length <= 3 || /\d/.test(word)) return word;
  // proteger / protector / protección / protege: one family for "proteger los oídos".
  if (/^prote[cgj]/.test(word)) return "proteg";
  let s = word;
  if (s.endsWith("ces") && s.length > 5) s = `${s.slice(0, -3)}z`;
  else if (s.endsWith("iones")) s = s.slice(0, -2);
  else if (/[rlndjz]es$/.test(s) && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith("s") && !s.endsWith("ss")) s = s.slice(0, -1);
  s = s.replace(/(.{3,})(?:adora|ador|adura|acion)$/, "$1");
  if (s.length >= 6) s = s.replace(/(.{4,})(?:ar|er|ir)$/, "$1");
  if (s.length >= 5 && /[ao]$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** Tokens with number words as digits, number+unit glued ("10 libras" → "10lb"), "talla 40" → "talla40". */
export function expandMeasurements(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const unit = next === undefined ? null : canonicalUnit(next);
    if (/^\d+(\.\d+)?$/.test(token) && unit) {
      out.push(token, `${token}${unit}`);
      i++;
      continue;
    }
    if (token === "talla" && next !== undefined && /^(\d{1,2}|xs|s|m|l|xl|xxl)$/.test(next)) {
      out.push(next, `talla${next}`);
      i++;
      continue;
    }
    out.push(token);
  }
  return out;
}

const ARTICLES = new Set(["un", "una", "uno", "unos", "unas"]);

export type AnalyzeOptions = { keepStopWords?: boolean };

/** The search analyser: fold, tokenise, number words, measurements, stop words, stemming. */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  // Articles "un/una" are quantities only for the extractor; for search they are noise.
  const raw = tokenize(text).filter(
    (t, i, all) => !ARTICLES.has(t) || all[i + 1] === "docena" || all[i + 1] === "decena" || all[i + 1] === "mil",
  );
  const tokens = expandMeasurements(replaceNumberWords(raw));
  const terms: string[] = [];
  for (const token of tokens) {
    if (!options.keepStopWords && STOP_WORDS.has(token)) continue;
    if (token.length === 1 && !/\d/.test(token)) continue;
    terms.push(stem(token));
  }
  return terms;
}

/** Stored in the DB `searchText` column so console LIKE search uses the same analyser. */
export function normalizeForSearch(text: string): string {
  return analyze(text).join(" ");
}
