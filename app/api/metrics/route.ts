import { z } from "zod";
import { isoDay } from "@/lib/domain/bounds";
import { readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { defaultRange, loadDashboardMetrics } from "@/lib/metrics/dashboard";

// GET /api/metrics?from=AAAA-MM-DD&to=AAAA-MM-DD — dashboard figures (gerente, admin).
const schema = z.strictObject({ from: isoDay.optional(), to: isoDay.optional() });

export const GET = guardedRoute("metrics:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, schema);
  const fallback = defaultRange();
  return json(await loadDashboardMetrics({ from: q.from ?? fallback.from, to: q.to ?? fallback.to }));
});
