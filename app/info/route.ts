import { json, publicRoute } from "@/lib/http/route";
import { serviceInfo } from "@/lib/legacy-api/service-info";

// GET /info — version, commit, database flavour, storage backend and model.
export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => json(serviceInfo(), { headers: { "cache-control": "no-store" } }));
