import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/errors";
import { assertNoControlCharacters } from "@/lib/http/control-chars";

const DEFAULT_LIMIT = 256 * 1024;

/**
 * Exactly `application/json` (optionally `; charset=utf-8`). Anything looser would accept the content types a
 * page on another site may send without the browser asking us first (`text/plain; x=json`, none at all).
 */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((p) => p === "" || /^charset="?utf-8"?$/.test(p));
}

/**
 * Reads and validates a JSON body. Malformed JSON, a body that is too large or one that fails the schema
 * (use z.strictObject to reject unknown fields) is a 4xx with a Spanish message.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  limitBytes = DEFAULT_LIMIT,
): Promise<z.output<S>> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError(
      "unsupported_media_type",
      "El cuerpo de la solicitud debe ser JSON (Content-Type: application/json).",
    );
  }
  const bytes = await readBodyBytes(req, limitBytes, "El cuerpo de la solicitud es demasiado grande.");
  const text = new TextDecoder().decode(bytes);
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "El cuerpo de la solicitud no es un JSON válido.");
  }
  if (value === undefined) throw new AppError("invalid_input", "El cuerpo de la solicitud está vacío.");
  assertNoControlCharacters(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/**
 * Reads a request body into memory, counting bytes as they arrive: a body over `limitBytes` is refused
 * (413 with `tooLargeMessage`) as soon as the limit is passed, whether or not it declared a Content-Length
 * (a chunked upload would otherwise be buffered whole before any size check).
 */
export async function readBodyBytes(
  req: Request,
  limitBytes: number,
  tooLargeMessage: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppError("payload_too_large", tooLargeMessage);
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Parses URL search params with a schema (strings in, typed values out). */
export function readQuery<S extends z.ZodType>(url: URL | string, schema: S): z.output<S> {
  const params = (typeof url === "string" ? new URL(url) : url).searchParams;
  const raw = Object.fromEntries(params.entries());
  assertNoControlCharacters(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, "Los parámetros de la consulta no son válidos.");
  return parsed.data;
}
