"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { throttledMessage } from "@/lib/auth/login-throttle";
import { principalFromSession } from "@/lib/auth/principal";
import { revokeUserSessions } from "@/lib/db/settings";

export type LoginState = { error: string | null; email: string };

function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  // Only same-site console paths: never an open redirect to another host.
  return /^\/dashboard(\/[\w\-/[\]%?=&.]*)?$/.test(path) && !path.startsWith("//") ? path : "/dashboard";
}

function messageFor(error: AuthError): string {
  const code = "code" in error && typeof error.code === "string" ? error.code : "";
  const throttled = /^demasiados_intentos:(\d+)$/.exec(code);
  if (throttled) return throttledMessage(Number(throttled[1]));
  if (error.type === "CredentialsSignin") return "Correo o contraseña incorrectos, o la cuenta está desactivada.";
  return "No pudimos iniciar sesión. Intenta de nuevo.";
}

/** Public by design: it is the way in. Throttling and the password check live in lib/auth/auth.ts. */
export const loginAction = Object.assign(
  async (_previous: LoginState, form: FormData): Promise<LoginState> => {
    const email = String(form.get("email") ?? "").trim();
    try {
      await signIn("credentials", {
        email,
        password: String(form.get("password") ?? ""),
        redirectTo: safeCallback(form.get("callbackUrl")),
      });
    } catch (error) {
      if (error instanceof AuthError) return { error: messageFor(error), email };
      throw error; // the successful redirect travels as a thrown value
    }
    return { error: null, email };
  },
  { access: "public" as const },
);

/** Public (it only ever acts on the caller's own session): revokes the caller's tokens before sign-out. */
export const revokeOwnSessionsAction = Object.assign(
  async (): Promise<void> => {
    const principal = await principalFromSession();
    if (principal?.kind === "user") await revokeUserSessions(principal.id);
  },
  { access: "public" as const },
);
