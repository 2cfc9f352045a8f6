import type { IncomingMessage, ServerResponse } from "node:http";
import { sessionUserId } from "@/lib/auth/session-subject";
import { env } from "@/lib/env";
import { AppError, errorBody } from "@/lib/errors";
import { CLIENT_IP_HEADER, HTTPS_HEADER } from "@/lib/http/client-ip";
import { nodeHeaders } from "@/lib/http/origin";
import { isNavigation, REFUSAL_PAGE_CSP, refusalPage } from "@/lib/http/refusal-page";
import { checkRateLimit, LIMITS, type Limit, type RateLimitStore, rateLimitStore } from "@/lib/ratelimit";

// Request-level concerns of the custom server, applied before Next sees a request: the overall per-client
// limit, trailing-slash normalisation for the legacy API, and service info for JSON clients at `/`.
// The limit is meant for page loads and API calls, so that an office of staff behind one address works all
// day under it: static files and product photos are not counted; Next's prefetches (a page's links are
// prefetched in bulk) do not count against it but have their own, larger budget, so the prefetch headers are
// no way around the limit; a signed-in staff member is counted per user, not per (shared office) address.
const EXEMPT = [
  /^\/_next\/static\//,
  /^\/_next\/image\/?$/, // the image optimiser: /_next/image?url=…&w=…
  /^\/_next\/webpack-hmr/,
  /^\/__nextjs/,
  /^\/favicon\.(ico|svg|png)$/,
  /^\/robots\.txt$/,
  /^\/health\/?$/,
  // product photos: immutable files under random keys (lib/media/urls.ts), twenty-five on an inventory page
  /^\/media\/products\/[a-f0-9]{32}-(thumb|card)\.webp$/,
];
const PREFETCH_BUDGET = 5;

/** How the overall limit treats a request: not at all, in the prefetch budget, or as a page load / API call. */
export type LimitClass = "exempt" | "prefetch" | "counted";

export function classifyRequest(req: IncomingMessage): LimitClass {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  if (isRateLimitExempt(pathname)) return "exempt";
  return isPrefetch(req) ? "prefetch" : "counted";
}

export function ipLimit(): Limit {
  return { ...LIMITS.perIp, max: env().RATE_LIMIT_PER_IP_PER_MINUTE };
}

/**
 * The socket's address, or behind a trusted reverse proxy the address that proxy saw: the right-most
 * X-Forwarded-For entry (the left-most ones are whatever the client chose to send).
 */
export function clientIp(req: IncomingMessage, trustProxy = env().TRUST_PROXY): string {
  if (trustProxy) {
    const header = req.headers["x-forwarded-for"];
    const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((h) => h.trim());
    const last = hops.filter(Boolean).at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/** Whether the browser reached us over https: a TLS socket, or a trusted proxy's X-Forwarded-Proto. */
export function isHttps(req: IncomingMessage, trustProxy = env().TRUST_PROXY): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trustProxy) return false;
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")
    .at(-1)
    ?.trim()
    .toLowerCase();
  return proto === "https";
}

/** Stamps the decided client address and scheme on the request for route handlers (lib/http/client-ip.ts). */
export function stampClientIp(req: IncomingMessage): void {
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  req.headers[HTTPS_HEADER] = isHttps(req) ? "1" : "0";
}

export function isRateLimitExempt(pathname: string): boolean {
  return EXEMPT.some((re) => re.test(pathname));
}

/**
 * A prefetch by Next's router or the browser (links in view): a page load that may never be shown. Next's
 * segment cache sends `next-router-prefetch` as 1, 2 or 3 (by how much of the page it wants) and per-segment
 * requests with `next-router-segment-prefetch`; browsers send `Sec-Purpose: prefetch` (or the older `Purpose`).
 */
export function isPrefetch(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const h = req.headers;
  return (
    /^[123]$/.test(String(h["next-router-prefetch"] ?? "")) ||
    Boolean(h["next-router-segment-prefetch"]) ||
    String(h.purpose ?? "").toLowerCase() === "prefetch" ||
    String(h["sec-purpose"] ?? "")
      .toLowerCase()
      .startsWith("prefetch")
  );
}

/** Who the overall limit counts: a signed-in staff member by user, anyone else by address. */
export async function limitSubject(req: IncomingMessage): Promise<string> {
  const user = await sessionUserId(req.headers.cookie).catch(() => null);
  return user ? `user:${user}` : `ip:${clientIp(req)}`;
}

/** Answers 429 (Retry-After; JSON, or a Spanish page for a browser navigation) and returns true when over. */
export async function rejectOverIpLimit(
  req: IncomingMessage,
  res: ServerResponse,
  store: RateLimitStore = rateLimitStore(),
  limit: Limit = ipLimit(),
): Promise<boolean> {
  const kind = classifyRequest(req);
  if (kind === "exempt") return false;
  const applied =
    kind === "prefetch" ? { ...limit, name: `${limit.name}-prefetch`, max: limit.max * PREFETCH_BUDGET } : limit;
  let result: Awaited<ReturnType<typeof checkRateLimit>>;
  try {
    result = await checkRateLimit(applied, await limitSubject(req), store);
  } catch {
    return false; // a limiter failure must not take the whole site down
  }
  if (result.allowed) return false;
  const retry = String(result.retryAfterSeconds);
  if (isNavigation(req.method ?? "GET", nodeHeaders(req.headers))) {
    res.writeHead(429, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": REFUSAL_PAGE_CSP,
      "retry-after": retry,
      "cache-control": "no-store",
    });
    res.end(
      refusalPage(
        "Demasiadas solicitudes",
        "Recibimos demasiadas solicitudes desde tu conexión en poco tiempo. Espera un momento y recarga la página.",
        result.retryAfterSeconds,
      ),
    );
    return true;
  }
  const error = new AppError("rate_limited", undefined, { retryAfterSeconds: result.retryAfterSeconds });
  res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": retry });
  res.end(JSON.stringify(errorBody(error)));
  return true;
}

/**
 * `/productos/` → `/productos` before routing, so legacy clients never get Next's 308 redirect (some
 * HTTP clients turn a redirected POST into a GET or drop the body).
 */
export function stripTrailingSlash(url: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length <= 1 || !path.endsWith("/")) return url;
  return path.replace(/\/+$/, "") + (q === -1 ? "" : url.slice(q));
}

/** `GET /` from an API client (Accept: application/json, not text/html) gets service info. */
export function wantsServiceInfo(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if ((req.url ?? "/").split("?")[0] !== "/") return false;
  const accept = String(req.headers.accept ?? "");
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}
