import { AppError } from "@/lib/errors";

// Cross-site request forgery: a browser attaches this site's cookies to a request another page makes, and
// "same-site" includes other ports of the same host. A state-changing request that relies on cookies (a staff
// session, the web chat's binding) must come from one of our own pages: its Origin must be this host. A
// bearer API key is never attached by a browser, and a request without cookies has nothing to forge.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type HeaderReader = { get(name: string): string | null };

export function nodeHeaders(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The host a request was addressed to: Host, or behind a trusted proxy the host the browser used. */
export function requestHost(headers: HeaderReader, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? headers.get("x-forwarded-host")?.split(",").at(-1)?.trim() : undefined;
  return forwarded || headers.get("host");
}

/** The 403 for a forged request, or null when the request may proceed. `ownHost` is the Host it was sent to. */
export function crossSiteRefusal(method: string, headers: HeaderReader, ownHost: string | null): AppError | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (/^Bearer\s+\S/i.test(headers.get("authorization") ?? "")) return null;
  const origin = headers.get("origin");
  const fetchSite = headers.get("sec-fetch-site");
  const refusal = () =>
    new AppError("forbidden", "La solicitud viene de otro sitio y no se aceptó. Vuelve a intentarlo desde la página.", {
      detailCode: "origen_no_permitido",
    });
  if (origin !== null) {
    const host = hostOf(origin);
    return host !== null && ownHost !== null && host === ownHost.toLowerCase() ? null : refusal();
  }
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return refusal();
  // no Origin: an old browser or a script; only a request carrying cookies could be a forgery
  return headers.get("cookie") ? refusal() : null;
}
