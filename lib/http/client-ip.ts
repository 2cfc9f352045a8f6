// The client's address for rate limits and login throttling. Only server.ts decides it (from the socket, or
// from X-Forwarded-For when TRUST_PROXY is set) and stamps it on the request under this header, overwriting
// whatever a client sent; handlers never read X-Forwarded-For themselves, so it cannot be spoofed.
export const CLIENT_IP_HEADER = "x-sextinvalle-client-ip";

export function clientIpFromHeaders(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER)?.trim() || "local";
}
