// Staff questions about a client → a lookup request the DB layer fulfils.

import type { ClientLookupRequest } from "./facts";
import { foldText } from "./normalize";

const NAME_AFTER =
  /\b(?:cliente|empresa|de|del|a)\s+((?:[A-ZÁÉÍÓÚÑ][\p{L}.&-]*)(?:\s+(?:de|del|la|y|&|[A-ZÁÉÍÓÚÑ][\p{L}.&-]*))*)/u;

export function clientLookupFrom(text: string): ClientLookupRequest {
  const folded = foldText(text);
  const scope: ClientLookupRequest["scope"] = /estadistic|cuanto ha (gastado|comprado)|resumen/.test(folded)
    ? "stats"
    : /historial|ha comprado|compras|pedidos|ordenes/.test(folded)
      ? "history"
      : "info";
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
  return name ? { scope, name, ...(isCompany ? { isCompany } : {}) } : { scope };
}
