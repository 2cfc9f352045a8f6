import { z } from "zod";
import { planProductImport } from "@/lib/db/imports";
import { readBodyBytes, readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { applyProductImport, parseProductImportAsync } from "@/lib/imports";

// CSV product import: `?mode=preview` validates and reports what would change; `upsert` / `replace` apply
// all-or-nothing. The body is the raw file (text/csv). A route handler rather than a server action so files
// larger than the action body limit work, and so automation can call it with an API key.
const MAX_BYTES = 25 * 1024 * 1024;
const PREVIEW_ROWS = 50;

const querySchema = z.strictObject({
  mode: z.enum(["preview", "upsert", "replace"], { error: "mode debe ser preview, upsert o replace." }),
  file: z.string().max(200).optional(),
});

export const POST = guardedRoute("inventory:write", async ({ req, principal }) => {
  const { mode, file } = readQuery(req.nextUrl, querySchema);
  const bytes = await readBodyBytes(req, MAX_BYTES, "El archivo supera 25 MB.");
  // UTF-8 (with or without BOM) or Windows-1252, detected from the bytes; anything else is refused clearly
  const parsed = await parseProductImportAsync(bytes);
  const base = {
    format: parsed.format,
    encoding: parsed.encoding,
    separator: parsed.separator,
    validRows: parsed.rows.length,
    errors: parsed.errors,
  };
  if (mode === "preview") {
    const plan = parsed.errors.length === 0 ? await planProductImport(parsed.rows) : [];
    const count = (a: string) => plan.filter((p) => p.action === a).length;
    return json({
      ...base,
      plan: { create: count("create"), update: count("update"), unchanged: count("unchanged") },
      sample: plan.slice(0, PREVIEW_ROWS),
    });
  }
  if (parsed.errors.length > 0) {
    return json(
      {
        error: {
          code: "invalid_input",
          message: `El archivo tiene ${parsed.errors.length} ${parsed.errors.length === 1 ? "error" : "errores"}; no se aplicó ningún cambio.`,
        },
        ...base,
      },
      { status: 422 },
    );
  }
  const summary = await applyProductImport(parsed.rows, principal, { mode, fileName: file });
  return json({ ...base, applied: summary });
});
