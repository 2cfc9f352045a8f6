import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";
import NextAuth, { type NextAuthRequest } from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { HTTPS_HEADER } from "@/lib/http/client-ip";
import { newNonce, pageCsp } from "@/lib/http/security-headers";

// Runs before every page: a fresh CSP nonce that Next puts on its own scripts (it reads the nonce from the
// request's CSP header), and for /dashboard a redirect of anonymous visitors to the login page. It decides
// nothing else: every page, route handler and server action checks the caller's role again on the server.
const { auth } = NextAuth(authConfig);

function withNonce(req: NextRequest): NextResponse {
  const csp = pageCsp(newNonce(), {
    dev: process.env.NODE_ENV !== "production",
    https: req.headers.get(HTTPS_HEADER) === "1",
  });
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

const onConsole = (req: NextAuthRequest, _event: NextFetchEvent): NextResponse => {
  if (req.auth?.user) return withNonce(req);
  const login = req.nextUrl.clone();
  login.pathname = "/login";
  login.search = "";
  login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
};
const guardConsole: NextMiddleware = auth(onConsole);

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  if (req.nextUrl.pathname === "/dashboard" || req.nextUrl.pathname.startsWith("/dashboard/"))
    return guardConsole(req, event);
  return withNonce(req);
}

// Pages only: route handlers, the legacy API paths and static files get server.ts's API policy.
export const config = {
  matcher: [
    {
      source:
        "/((?!api|_next/static|_next/image|favicon|robots.txt|chat/|productos|clientes|ventas|venta|pedidos|chat-control|exportar|files|media|logs|health|info).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
