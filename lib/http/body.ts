import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/errors";

const DEFAULT_LIMIT = 256 * 1024;

/**
 * Reads and validates a JSON body. Malformed JSON, a body that is too large or one that fails the schema
 * (use z.strictObject to reject unknown fields) is a 4xx with a Spanish message.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  limitBytes = DEFAULT_LIMIT,
): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !/json/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "El cuerpo de la solicitud debe ser JSON (Content-Type: application/json).",
    );
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > limitBytes)
    throw new AppError("payload_too_large", "El cuerpo de la solicitud es demasiado grande.");
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "El cuerpo de la solicitud no es un JSON válido.");
  }
  if (value === undefined) throw new AppError("invalid_input", "El cuerpo de la solicitud está vacío.");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** Parses URL search params with a schema (strings in, typed values out). */
export function readQuery<S extends z.ZodType>(url: URL | string, schema: S): z.output<S> {
  const params = (typeof url === "string" ? new URL(url) : url).searchParams;
  const parsed = schema.safeParse(Object.fromEntries(params.entries()));
  if (!parsed.success) throw invalidInput(parsed.error, "Los parámetros de la consulta no son válidos.");
  return parsed.data;
}
