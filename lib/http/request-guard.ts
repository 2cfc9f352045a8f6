import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { errorBody } from "@/lib/errors";
import { isHttps } from "@/lib/http/ip-limit";
import { crossSiteRefusal, nodeHeaders, requestHost } from "@/lib/http/origin";
import { isNavigation, REFUSAL_PAGE_CSP, refusalPage } from "@/lib/http/refusal-page";
import { applyBaseHeaders } from "@/lib/http/security-headers";

// What server.ts does to every request before the rate limit and Next: the security headers every answer
// carries, and the refusal of a state change another site's page made with our cookies (server actions
// included: Next alone would answer that with a 500).
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  applyBaseHeaders(res, isHttps(req));
}

/** Answers 403 and returns true when the request is a cross-site forgery. */
export function rejectCrossSite(req: IncomingMessage, res: ServerResponse): boolean {
  const headers = nodeHeaders(req.headers);
  const refusal = crossSiteRefusal(req.method ?? "GET", headers, requestHost(headers, env().TRUST_PROXY));
  if (!refusal) return false;
  if (isNavigation(req.method ?? "GET", headers)) {
    res.writeHead(403, { "content-type": "text/html; charset=utf-8", "content-security-policy": REFUSAL_PAGE_CSP });
    res.end(refusalPage("Solicitud rechazada", refusal.message));
  } else {
    res.writeHead(403, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(errorBody(refusal)));
  }
  return true;
}
