import { getExportFile } from "@/lib/db/exports";
import { AppError } from "@/lib/errors";
import { exportView, parseExportId } from "@/lib/exports/view";
import { guardedRoute, json } from "@/lib/http/route";

/** Status and progress of one export (polled by the console). */
export const GET = guardedRoute<{ id: string }>("exports:read", async ({ params }) => {
  const row = await getExportFile(parseExportId(params.id));
  if (!row) throw new AppError("not_found", "La exportación no existe.");
  return json({ export: exportView(row) });
});
