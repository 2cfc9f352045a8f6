// Response headers every answer carries (set by server.ts before Next runs, so APIs, files, refusals and
// pages alike), and the pages' Content-Security-Policy with a per-request nonce (set by proxy.ts: Next reads
// the nonce from the request's CSP header and puts it on its own scripts). No imports: proxy.ts uses this.
export type HeaderSink = { setHeader(name: string, value: string): unknown };

/** What a response that is not a page may load: nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "permissions-policy":
    "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
  "cross-origin-opener-policy": "same-origin",
};

export const HSTS = "max-age=31536000; includeSubDomains";

export function applyBaseHeaders(res: HeaderSink, https: boolean): void {
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
  res.setHeader("content-security-policy", API_CSP);
  // only over https: on plain http the browser would ignore it, and a proxy's http port must stay usable
  if (https) res.setHeader("strict-transport-security", HSTS);
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy of an HTML page. Scripts run only with this response's nonce (and what they load, through
 * 'strict-dynamic'); development adds 'unsafe-eval' (React's dev tooling) and the HMR socket.
 */
export function pageCsp(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
