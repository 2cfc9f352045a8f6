import { json, publicRoute } from "@/lib/http/route";
import { healthReport } from "@/lib/legacy-api/service-info";

// GET /health — the previous HealthResponse plus database, storage, model and Redis; 503 when the database is down.
export const dynamic = "force-dynamic";

export const GET = publicRoute(async ({ requestId }) => {
  const { httpStatus, body } = await healthReport(requestId);
  return json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
});
