import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-keys";
import { auth } from "@/lib/auth/auth";
import { isRole, type Role } from "@/lib/auth/permissions";
import { getSessionsRevokedAt } from "@/lib/db/settings";
import { findActiveApiKeyByHash, findUserById, touchApiKey } from "@/lib/db/staff";

// Who is calling: a signed-in staff member, an API key, or nobody.
export type Principal =
  | { kind: "user"; id: number; role: Role; name: string; email: string }
  | { kind: "apikey"; id: number; role: Role; name: string };

export function principalLabel(p: Principal): string {
  return p.kind === "user" ? p.email : `apikey:${p.name}`;
}

function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1]?.trim() ?? null;
}

async function principalFromApiKey(token: string): Promise<Principal | null> {
  if (!looksLikeApiKey(token)) return null;
  const key = await findActiveApiKeyByHash(hashApiKey(token));
  if (!key || !isRole(key.role)) return null;
  await touchApiKey(key.id, key.lastUsedAt);
  return { kind: "apikey", id: key.id, role: key.role, name: key.name };
}

/** next-auth reads cookies from the request scope; code running outside one (scripts, tests) has no session. */
async function sessionOrNull() {
  try {
    return await auth();
  } catch (error) {
    if (error instanceof Error && /outside a request scope/i.test(error.message)) return null;
    throw error;
  }
}

/**
 * The session's user, re-read from the database so a disabled account or a changed role applies at once.
 * A token issued before the user's last sign-out is refused (JWTs cannot be deleted from the browser
 * reliably: a request in flight during sign-out may set the cookie again).
 */
export async function principalFromSession(): Promise<Principal | null> {
  const session = await sessionOrNull();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const [user, revokedAt] = await Promise.all([findUserById(id), getSessionsRevokedAt(id)]);
  if (!user?.active || !isRole(user.role)) return null;
  if (revokedAt !== null && (session?.user?.signedInAt ?? 0) <= revokedAt) return null;
  return { kind: "user", id: user.id, role: user.role, name: user.name, email: user.email };
}

/**
 * Resolves the caller of a request. A request that presents a bearer token is judged by that token alone
 * (an invalid key is anonymous, never silently upgraded by a cookie).
 */
export async function resolvePrincipal(headers: Headers): Promise<Principal | null> {
  const token = bearerToken(headers);
  if (token !== null) return principalFromApiKey(token);
  return principalFromSession();
}
