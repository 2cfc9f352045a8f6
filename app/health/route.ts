import { json, publicRoute } from "@/lib/http/route";
import { healthReport } from "@/lib/legacy-api/service-info";

// GET /health — database, storage and model provider; 503 when the database is down.
export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const { httpStatus, body } = await healthReport();
  return json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
});
