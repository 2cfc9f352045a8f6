import { AppError } from "@/lib/errors";
import { stripControlCharacters } from "@/lib/http/control-chars";

// The bytes of an uploaded CSV as text. Spreadsheets save CSV as UTF-8 (with or without BOM) or, in Spanish
// Windows/Excel, as Windows-1252 ("CSV (delimitado por comas)"), a superset of Latin-1. Anything else, or a
// file mixing two encodings, is refused with a message saying how to save it: a guess would store mojibake
// ("protecci�n") and, in replace mode, deactivate every product whose name no longer matches.
export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1252";

const SAVE_AS = "Guárdalo desde Excel como «CSV UTF-8 (delimitado por comas)» e intenta de nuevo.";

function refuse(message: string): never {
  throw new AppError("invalid_input", `${message} ${SAVE_AS}`, { detailCode: "codificacion_no_soportada" });
}

/** Valid multi-byte UTF-8 sequences present in bytes that, as a whole, are not valid UTF-8. */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i] as number;
    const next = bytes[i + 1] as number;
    if (b >= 0xc2 && b <= 0xdf && next >= 0x80 && next <= 0xbf) {
      // a lone Latin-1 pair such as "Â·" is rare; a UTF-8 accent is a lead byte followed by a continuation
      const after = bytes[i + 2];
      if (after === undefined || after < 0x80 || after > 0xbf) return true;
    }
  }
  return false;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes…); five of those bytes are
// undefined and never appear in text. Decoded by hand: Node's small-ICU decoder treats the label as Latin-1.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const C1_1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => C1_1252[c.charCodeAt(0) - 0x80] ?? c);
  }
  return out;
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    refuse("El archivo está en UTF-16 («Texto Unicode»).");
  if (bytes.includes(0)) refuse("El archivo no parece un CSV de texto (contiene bytes nulos).");
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { text: stripControlCharacters(text), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    if (bom) refuse("El archivo dice ser UTF-8 pero tiene caracteres en otra codificación.");
  }
  if (hasUtf8Sequences(body))
    refuse(
      "El archivo mezcla dos codificaciones (UTF-8 y Windows-1252/Latin-1) y sus tildes no se pueden leer con certeza.",
    );
  if (body.some((b) => UNDEFINED_1252.has(b)))
    refuse("El archivo tiene caracteres que no son texto en ninguna codificación conocida.");
  return { text: stripControlCharacters(decodeWindows1252(body)), encoding: "windows-1252" };
}
