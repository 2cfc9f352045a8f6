import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { AppError, errorBody } from "@/lib/errors";
import { CLIENT_IP_HEADER, HTTPS_HEADER } from "@/lib/http/client-ip";
import { checkRateLimit, LIMITS, type Limit, type RateLimitStore, rateLimitStore } from "@/lib/ratelimit";

// Request-level concerns of the custom server, applied before Next sees a request: the overall per-IP
// limit, trailing-slash normalisation for the legacy API, and service info for JSON clients at `/`.
const EXEMPT = [/^\/_next\/(static|image)\//, /^\/favicon\.ico$/, /^\/health\/?$/];

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

/** Answers 429 (Retry-After + error JSON) and returns true when the caller's IP is over its limit. */
export async function rejectOverIpLimit(
  req: IncomingMessage,
  res: ServerResponse,
  store: RateLimitStore = rateLimitStore(),
  limit: Limit = ipLimit(),
): Promise<boolean> {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  if (isRateLimitExempt(pathname)) return false;
  let result: Awaited<ReturnType<typeof checkRateLimit>>;
  try {
    result = await checkRateLimit(limit, clientIp(req), store);
  } catch {
    return false; // a limiter outage (Redis down) must not take the whole site down
  }
  if (result.allowed) return false;
  const error = new AppError("rate_limited", undefined, { retryAfterSeconds: result.retryAfterSeconds });
  res.writeHead(429, {
    "content-type": "application/json; charset=utf-8",
    "retry-after": String(result.retryAfterSeconds),
  });
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
