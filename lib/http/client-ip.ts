// Facts about a request that only server.ts can decide, stamped on it under these headers (overwriting
// whatever a client sent): the client's address (from the socket, or X-Forwarded-For when TRUST_PROXY is
// set) and whether the browser reached us over https. Handlers never read X-Forwarded-* themselves, so
// neither can be spoofed.
export const CLIENT_IP_HEADER = "x-sextinvalle-client-ip";
export const HTTPS_HEADER = "x-sextinvalle-https";

export function clientIpFromHeaders(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER)?.trim() || "local";
}

export function isHttpsFromHeaders(headers: Headers): boolean {
  return headers.get(HTTPS_HEADER) === "1";
}
