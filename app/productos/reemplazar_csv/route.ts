import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { applyProductImport, parseProductImportAsync } from "@/lib/imports";

// Legacy API: POST /productos/reemplazar_csv — replaces the catalogue from a CSV (multipart field
// `file`/`archivo`, or the raw CSV as the body). Products missing from the file are deactivated.
const MAX_BYTES = 20 * 1024 * 1024;

/** The uploaded file's bytes, undecoded: the shared parser detects the encoding (lib/imports/encoding.ts). */
async function readCsv(req: Request): Promise<{ bytes: Uint8Array; fileName?: string }> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(multipart\/form-data|text\/csv|text\/plain|application\/octet-stream)(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Envía el CSV como multipart/form-data o text/csv.");
  }
  // counted while read: a body without Content-Length cannot make the server buffer more than the limit
  const body = await readBodyBytes(req, MAX_BYTES, "El archivo supera 20 MB.");
  if (body.byteLength === 0) throw new AppError("invalid_input", "El archivo está vacío; no se cambió nada.");
  if (!/^multipart\/form-data/i.test(type)) return { bytes: body };
  const form = await new Response(body, { headers: { "content-type": type } }).formData().catch(() => {
    throw new AppError("invalid_input", "El formulario no es válido.");
  });
  const file = form.get("file") ?? form.get("archivo");
  if (!(file instanceof File)) {
    throw new AppError("invalid_input", "Adjunta el CSV en el campo «file».", {
      fields: { file: "Falta el archivo." },
    });
  }
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
}

export const POST = guardedRoute("inventory:write", async ({ req, principal }) => {
  const { bytes, fileName } = await readCsv(req);
  const parsed = await parseProductImportAsync(bytes);
  if (parsed.errors.length > 0) {
    const fields: Record<string, string> = {};
    for (const e of parsed.errors.slice(0, 50)) fields[`linea_${e.line}${e.field ? `.${e.field}` : ""}`] = e.message;
    throw new AppError("invalid_input", `El archivo tiene ${parsed.errors.length} error(es); no se cambió nada.`, {
      fields,
    });
  }
  const summary = await applyProductImport(parsed.rows, principal, { mode: "replace", fileName });
  return json({
    // the previous system's response, which its clients read…
    success: true,
    message: "✅ Inventario actualizado correctamente",
    estadisticas: {
      productos_creados: summary.created,
      productos_actualizados: summary.updated,
      productos_desactivados: summary.deactivated,
      // there is no FAISS index here; the agent's catalogue index reloads from the database by itself
      sync_faiss: true,
    },
    // …and ours
    ok: true,
    formato: parsed.format,
    filas: parsed.rows.length,
    creados: summary.created,
    actualizados: summary.updated,
    sin_cambios: summary.unchanged,
    desactivados: summary.deactivated,
  });
});
