import { json, publicRoute } from "@/lib/http/route";
import { openApiDocument } from "@/lib/legacy-api/openapi";

// The legacy REST API's OpenAPI document (public: it describes, it grants nothing).
export const GET = publicRoute(async () =>
  json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
