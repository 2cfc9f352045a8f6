import type { NextRequest } from "next/server";
import { assertPermission } from "@/lib/auth/guards";
import type { Permission } from "@/lib/auth/permissions";
import { type Principal, resolvePrincipal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { crossSiteRefusal, requestHost } from "@/lib/http/origin";
import { log, newRequestId } from "@/lib/log";

// Route handlers are built with these wrappers, so every one states who may call it ("public" or a
// permission). The authorisation-matrix test reads `access` off every exported handler.
export type RouteContext<P> = { params: Promise<P> };
export type Access = "public" | Permission;

type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>;
export type GuardedRoute<P> = Handler<P> & { access: Access };

export type Call<P> = {
  req: NextRequest;
  params: P;
  requestId: string;
  principal: Principal | null;
};

function withRequestId(response: Response, requestId: string): Response {
  if (!response.headers.has("x-request-id")) {
    try {
      response.headers.set("x-request-id", requestId);
    } catch {
      // immutable headers (e.g. a redirect from Response.redirect): nothing to add
    }
  }
  return response;
}

function wrap<P>(access: Access, body: (call: Call<P>) => Promise<Response>): GuardedRoute<P> {
  const handler: Handler<P> = async (req, ctx) => {
    const requestId = req.headers.get("x-request-id") ?? newRequestId();
    const started = performance.now();
    try {
      // also checked by server.ts before Next; repeated here so no handler depends on how it is reached
      const forged = crossSiteRefusal(
        req.method,
        req.headers,
        requestHost(req.headers, env().TRUST_PROXY) ?? req.nextUrl.host,
      );
      if (forged) throw forged;
      const principal = await resolvePrincipal(req.headers);
      if (access !== "public") assertPermission(principal, access);
      const params = ((await ctx?.params) ?? {}) as P;
      return withRequestId(await body({ req, params, requestId, principal }), requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    } finally {
      log.debug("request", {
        requestId,
        method: req.method,
        path: req.nextUrl.pathname,
        ms: Math.round(performance.now() - started),
      });
    }
  };
  return Object.assign(handler, { access });
}

/** A handler anyone may call (the customer chat, health). The principal is still resolved when present. */
export function publicRoute<P = Record<string, never>>(body: (call: Call<P>) => Promise<Response>): GuardedRoute<P> {
  return wrap("public", body);
}

/** A handler that requires a signed-in staff session or an API key whose role has `permission`. */
export function guardedRoute<P = Record<string, never>>(
  permission: Permission,
  body: (call: Call<P> & { principal: Principal }) => Promise<Response>,
): GuardedRoute<P> {
  return wrap(permission, (call) => body(call as Call<P> & { principal: Principal }));
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...init, headers });
}
