import { z } from "zod";
import { readBodyBytes, readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { formatLegacyReport, importLegacyDatabase, LegacyFileRefused } from "@/lib/legacy-import";

// Moving a shop off the previous system from the console: the body is its app.db (raw bytes).
// `?mode=preview` runs the whole import and rolls it back (the dry-run report); `apply` commits it.
// Administrators only: it replaces the catalogue, clients, orders, conversations and the company text.
const MAX_BYTES = 200 * 1024 * 1024;

const querySchema = z.strictObject({
  mode: z.enum(["preview", "apply"], { error: "mode debe ser preview o apply." }),
});

export const POST = guardedRoute("settings:manage", async ({ req, principal }) => {
  const { mode } = readQuery(req.nextUrl, querySchema);
  const bytes = await readBodyBytes(req, MAX_BYTES, "El archivo supera 200 MB.");
  try {
    const report = await importLegacyDatabase(bytes, { dryRun: mode === "preview", principal });
    return json({ report, text: formatLegacyReport(report) });
  } catch (error) {
    if (!(error instanceof LegacyFileRefused)) throw error;
    return json(
      {
        error: { code: "invalid_input", message: "El archivo no se puede importar; no se escribió nada." },
        detail: error.problems.join(" "),
        problems: error.problems,
      },
      { status: 422 },
    );
  }
});
