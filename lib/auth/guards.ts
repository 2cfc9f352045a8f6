import { forbidden, redirect } from "next/navigation";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/permissions";
import { type Principal, principalFromSession } from "@/lib/auth/principal";
import { AppError, errorBody, type FieldErrors, invalidInput, toAppError } from "@/lib/errors";
import { assertNoControlCharacters } from "@/lib/http/control-chars";
import { newRequestId } from "@/lib/log";

/** For console pages (server components): anonymous → login; signed in without the permission → 403. */
export async function requirePagePermission(permission: Permission, callbackPath = "/dashboard"): Promise<Principal> {
  const principal = await principalFromSession();
  if (!principal) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!can(principal.role, permission)) forbidden();
  return principal;
}

export function assertPermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw new AppError("unauthorized");
  if (!can(principal.role, permission)) throw new AppError("forbidden");
  return principal;
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fields?: FieldErrors } };

export type GuardedAction<I, T> = ((input: I) => Promise<ActionResult<T>>) & { permission: Permission };

/**
 * A server action that checks the permission on the server and validates its input with zod before the
 * body runs. Errors come back as data (Spanish message + stable code), never as a thrown stack trace.
 */
export function guardedAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  body: (input: z.output<S>, principal: Principal) => Promise<T>,
): GuardedAction<z.input<S>, T> {
  const run = async (input: z.input<S>): Promise<ActionResult<T>> => {
    const requestId = newRequestId();
    try {
      const principal = assertPermission(await principalFromSession(), permission);
      assertNoControlCharacters(input);
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error);
      return { ok: true, data: await body(parsed.data, principal) };
    } catch (error) {
      return { ok: false, error: errorBody(toAppError(error, requestId)).error };
    }
  };
  return Object.assign(run, { permission });
}
