import { AppError } from "@/lib/errors";
import { guardedRoute, json } from "@/lib/http/route";
import { applyProductImport, parseProductImport } from "@/lib/imports";

// Legacy API: POST /productos/reemplazar_csv — replaces the catalogue from a CSV (multipart field
// `file`/`archivo`, or the raw CSV as the body). Products missing from the file are deactivated.
const MAX_BYTES = 20 * 1024 * 1024;

async function readCsv(req: Request): Promise<{ text: string; fileName?: string }> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES) throw new AppError("payload_too_large", "El archivo supera 20 MB.");
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => {
      throw new AppError("invalid_input", "El formulario no es válido.");
    });
    const file = form.get("file") ?? form.get("archivo");
    if (!(file instanceof File)) {
      throw new AppError("invalid_input", "Adjunta el CSV en el campo «file».", {
        fields: { file: "Falta el archivo." },
      });
    }
    if (file.size > MAX_BYTES) throw new AppError("payload_too_large", "El archivo supera 20 MB.");
    return { text: await file.text(), fileName: file.name };
  }
  if (type && !/^(text\/csv|text\/plain|application\/octet-stream)/.test(type)) {
    throw new AppError("unsupported_media_type", "Envía el CSV como multipart/form-data o text/csv.");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BYTES) throw new AppError("payload_too_large", "El archivo supera 20 MB.");
  return { text };
}

export const POST = guardedRoute("inventory:write", async ({ req, principal }) => {
  const { text, fileName } = await readCsv(req);
  const parsed = parseProductImport(text);
  if (parsed.errors.length > 0) {
    const fields: Record<string, string> = {};
    for (const e of parsed.errors.slice(0, 50)) fields[`linea_${e.line}${e.field ? `.${e.field}` : ""}`] = e.message;
    throw new AppError("invalid_input", `El archivo tiene ${parsed.errors.length} error(es); no se cambió nada.`, {
      fields,
    });
  }
  const summary = await applyProductImport(parsed.rows, principal, { mode: "replace", fileName });
  return json({
    ok: true,
    formato: parsed.format,
    filas: parsed.rows.length,
    creados: summary.created,
    actualizados: summary.updated,
    sin_cambios: summary.unchanged,
    desactivados: summary.deactivated,
  });
});
