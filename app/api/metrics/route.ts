import { z } from "zod";
import { readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { defaultRange, loadDashboardMetrics } from "@/lib/metrics/dashboard";

// GET /api/metrics?from=AAAA-MM-DD&to=AAAA-MM-DD — dashboard figures (gerente, admin).
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Usa el formato AAAA-MM-DD.");
const schema = z.strictObject({ from: day.optional(), to: day.optional() });

export const GET = guardedRoute("metrics:read", async ({ req }) => {
  const q = readQuery(req.nextUrl, schema);
  const fallback = defaultRange();
  return json(await loadDashboardMetrics({ from: q.from ?? fallback.from, to: q.to ?? fallback.to }));
});
