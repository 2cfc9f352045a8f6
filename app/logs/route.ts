import { listAuditForApi } from "@/lib/db/legacy-api";
import { readQuery } from "@/lib/http/body";
import { guardedRoute } from "@/lib/http/route";
import { logsQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toLog } from "@/lib/legacy-api/shapes";

// Legacy API: GET /logs/ — the audit log, newest first.
export const GET = guardedRoute("audit:read", async ({ req }) => {
  const { rows, total } = await listAuditForApi(readQuery(req.nextUrl, logsQuery));
  return listJson(rows.map(toLog), total);
});
