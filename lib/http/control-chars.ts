import { AppError } from "@/lib/errors";

// Control characters (NUL above all) never belong in a name, a message or an address: PostgreSQL refuses
// NUL in text (a 500 after the chat had already streamed), SQLite stores it and every later reader chokes.
// Tab and line breaks are text. Every way in (JSON bodies, query strings, forms, server actions, the
// WebSocket) refuses them before anything is written.
const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return true;
  return false;
}

/** The path of the first string holding a control character (`productos.0.nombre`), or null. */
export function findControlCharacter(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return hasControl(value) ? path || "_" : null;
  if (!value || typeof value !== "object" || depth > 20) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    if (hasControl(key)) return path ? `${path}.${key}` : key;
    const found = findControlCharacter(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

export function controlCharacterError(field: string): AppError {
  return new AppError("invalid_input", "El texto contiene caracteres de control no permitidos (por ejemplo NUL).", {
    fields: { [field]: "Quita los caracteres de control." },
    detailCode: "caracteres_no_permitidos",
  });
}

export function assertNoControlCharacters(value: unknown): void {
  const field = findControlCharacter(value);
  if (field) throw controlCharacterError(field);
}

/** For file contents (CSV): drop the control characters an old editor left (Ctrl-Z at the end, form feeds). */
export function stripControlCharacters(text: string): string {
  if (!hasControl(text)) return text;
  let out = "";
  for (const ch of text) if (!isControl(ch.charCodeAt(0))) out += ch;
  return out;
}
