import { decode } from "next-auth/jwt";
import { readCookie } from "@/lib/auth/chat-binding";
import { env } from "@/lib/env";

// Who a request's staff session belongs to, for the custom server's per-client limit (before Next runs, so
// without next-auth's request scope): the session cookie is decrypted with AUTH_SECRET, nothing more. Whether
// the session is still valid (revoked, account disabled) is decided later by the page or handler.
const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"];

export async function sessionUserId(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  for (const name of COOKIE_NAMES) {
    const value = readCookie(cookieHeader, name);
    if (!value) continue;
    try {
      const token = await decode({ token: value, secret: env().AUTH_SECRET, salt: name });
      if (typeof token?.sub === "string" && token.sub !== "") return token.sub;
    } catch {
      // not ours, tampered or expired: counted by address like anyone else
    }
  }
  return null;
}
