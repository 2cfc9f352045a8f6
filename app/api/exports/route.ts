import { listExportFiles } from "@/lib/db/exports";
import { startExport } from "@/lib/exports/jobs";
import { exportBodySchema, toExportRequest } from "@/lib/exports/request";
import { exportView } from "@/lib/exports/view";
import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";

// Export jobs for the console: list (who, when, size, expiry, progress) and create.
export const GET = guardedRoute("exports:read", async () => {
  const rows = await listExportFiles(50);
  return json({ exports: rows.map(exportView) });
});

export const POST = guardedRoute("exports:create", async ({ req, principal, requestId }) => {
  const body = await readJson(req, exportBodySchema);
  const row = await startExport(principal, toExportRequest(body), { requestId });
  return json({ export: exportView(row) }, { status: 202 });
});
