// Staff questions about a client → a lookup request the DB layer fulfils.

import { phoneAfterKeyword } from "@/lib/agent/analysis/customer-data";
import { foldText } from "@/lib/agent/analysis/normalize";
import type { ClientLookupRequest } from "@/lib/agent/wording/facts";

const NAME_AFTER =
  /\b(?:cliente|empresa|de|del|a)\s+((?:[A-ZÁÉÍÓÚÑ][\p{L}.&-]*)(?:\s+(?:de|del|la|y|&|[A-ZÁÉÍÓÚÑ][\p{L}.&-]*))*)/u;

// Staff type names in lower case too ("historial de laura gomez"): the name runs after the last lookup
// keyword up to the first word that starts the rest of the question ("este año", "en noviembre").
const LOWER_NAME_AFTER =
  /^.*\b(?:cliente|empresa|(?:compras|pedidos|ordenes|facturas)(?: anteriores| previ[oa]s| pasad[oa]s)? de|historial de|ha comprado|han comprado|ha gastado|ha pedido|datos de|info(?:rmacion)? de|ficha de|perfil de|estadisticas de)\s+(?:(?:de |del )?(?:la|el|los|las|a|al) )?(?:(?:senora|senor|dona|don|cliente|clienta) )?([a-z][a-z.&'-]*(?:\s+[a-z][a-z.&'-]*){0,5})/;
const NAME_END = new Set(
  "este esta estos estas ese esa en con desde por que cuanto cuantas cuantos ano anos mes meses semana ultimo ultimos ultima ultimas hoy ayer cedula nit cc documento pasado total durante hasta para".split(
    " ",
  ),
);
const NAME_JOINERS = new Set(["de", "del", "la", "el", "y", "los", "las"]);

function lowerCaseName(folded: string): string | null {
  const raw = folded.replace(/[¿?¡!,;:]/g, " ").match(LOWER_NAME_AFTER)?.[1];
  if (!raw) return null;
  const words: string[] = [];
  for (const word of raw.split(/\s+/)) {
    if (NAME_END.has(word)) break;
    words.push(word);
  }
  while (words.length > 0 && NAME_JOINERS.has(words[words.length - 1] as string)) words.pop();
  if (words.length === 0 || words.every((w) => NAME_JOINERS.has(w))) return null;
  return words.map((w, i) => (i > 0 && NAME_JOINERS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(" ");
}

const CLIENT_PATTERNS = [
  /\b(informacion|info|datos|historial|estadisticas?|resumen|compras|pedidos|ordenes|facturas) (del|de la|de el|de los) clientes?\b/,
  /\bclient[ae]s? (con )?(el )?(cedula|cc|nit|documento|numero|celular|cel|telefono|tel)?\s*\d{5,}/,
  /\bhistorial de (compras|pedidos|ordenes)\b/,
  /\bestadisticas (de|del)\b/,
  /\b(que|cuanto|cuantas veces) ((nos|me|le|les) )?(ha|han) (comprado|pedido|gastado)\b/,
  /\b(que|cuales|cuantas|cuantos) (compras|pedidos|ordenes) (ha|han|tiene|tienen) (hecho|realizado|registrad\w*)?\b/,
  /\b(compras|pedidos) (de|del|hechos por|realizados por) (la empresa|el cliente|cliente|[a-z]+ [a-z]+)\b/,
  // "pedidos anteriores de …": past orders of someone named, asked by staff.
  /\b(compras|pedidos|ordenes|facturas) (anteriores|previ[oa]s|pasad[oa]s) (de|del) (?!mis?\b|nuestr)[a-z]+/,
  /\bbusc\w* (a|al|el) cliente\b/,
  /\b(ficha|perfil|datos) del cliente\b/,
  /\b(lleva|ha) gastado\b/,
  /\b(historial|datos|informacion|info|ficha|perfil|telefono|celular|direccion|correo)( de contacto| registrad[oa]s?| guardad[oa]s?)? (del|de la|de el|de los) (client[ae]s?|empresa)\b/,
  // What a client has on record: "qué celular tiene registrado la clienta …".
  /\b(tiene|tienen) (registrad|guardad)[oa]s? (el |la |los |las )?client[ae]s?\b/,
  // "las compras que ha hecho …": someone else's purchases, asked by staff.
  /\b(compras|pedidos|ordenes) (que |q )?(ha|han) (hecho|realizado)\b/,
  /\b(consult|busc|revis|mir|muestr|trae|traig)\w* (a |al |el |la |los datos del |la ficha del )?(client[ae]|empresa)\b/,
  /\b(que|cuanto|cuando) (le|les) (vendimos|hemos vendido|vendieron|facturamos|despachamos)\b/,
  /\bhistorial de (?!mis?\b|nuestr|compras|pedidos|ordenes)[a-z]+ [a-z]+/,
  // "el cliente X ya nos ha comprado?": a client named, then what they (third person) bought or ordered.
  /\b(?:el|la|al|del) client[ae]\b(?! (?:soy|somos)\b).*\b(?:ha|han|habia|habian) (?:comprado|pedido|gastado|encargado)\b/,
];

/** A staff-style question about a client (never answered to customers). */
// "le escribe Ana de compras de …": the purchasing department writing, not a question about purchases.
const PURCHASING_DEPARTMENT =
  /\b(?:(?:el |del )?(?:area|departamento|jefe|jefa|encargad[oa]|auxiliar) de|(?<!\b(?:historial|registro|lista|detalle|resumen|total|reporte|informe)) de) compras\b(?! (?:de|del) (?:la |el )?(?:cliente|clienta|cedula|nit|cc)\b)/g;

export function asksAboutClient(text: string): boolean {
  const folded = foldText(text)
    .replace(/[¿?¡!]/g, " ")
    .replace(PURCHASING_DEPARTMENT, " ");
  return CLIENT_PATTERNS.some((p) => p.test(folded));
}

export function clientLookupFrom(text: string): ClientLookupRequest {
  const folded = foldText(text);
  const scope: ClientLookupRequest["scope"] = /estadistic|cuanto ha (gastado|comprado)|resumen/.test(folded)
    ? "stats"
    : /historial|ha comprado|compras|pedidos|ordenes/.test(folded)
      ? "history"
      : "info";
  // Staff asking by the client's mobile ("el cliente con celular 3…"); any other number is a document.
  const phone = phoneAfterKeyword(text);
  if (phone && /^3\d{9}$/.test(phone)) return { scope, phone };
  const nit = text.match(/\b(\d{3}\.?\d{3}\.?\d{3})\s*-\s*(\d)\b/);
  if (nit?.[1]) return { scope, documentNumber: `${nit[1].replace(/\D/g, "")}-${nit[2]}`, isCompany: true };
  const document = text.replace(/(\d)\.(?=\d{3})/g, "$1").match(/\b\d{6,10}\b/);
  if (document) return { scope, documentNumber: document[0] };
  const skipFirst = text.replace(/^\s*[¿¡]?\s*\p{L}+/u, (w) => w.toLowerCase());
  const name = skipFirst
    .match(NAME_AFTER)?.[1]
    ?.replace(/\s+(de|del|la|y)$/i, "")
    .trim();
  const isCompany = /\bempresa\b|s\.?a\.?s\b|ltda/.test(folded) || undefined;
  const found = name || lowerCaseName(folded);
  return found ? { scope, name: found, ...(isCompany ? { isCompany } : {}) } : { scope };
}
