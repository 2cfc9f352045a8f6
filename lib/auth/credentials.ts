import { z } from "zod";
import { clearLoginAttempts, registerLoginAttempt } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { isRole, type Role } from "@/lib/auth/permissions";
import { findUserByEmail, recordLogin } from "@/lib/db/staff";

// The password check behind sign-in (lib/auth/auth.ts wraps it for next-auth). It costs the same whether
// the e-mail exists or not: an unknown or disabled account is compared against a bcrypt hash of a random
// string (same cost), so response times do not tell which e-mails are staff accounts.
const DUMMY_HASH = "$2b$10$a91xFFI16fh1eh1uu1sKJOsTfsRGQ1szkj7mGaFO5rval1/A6yFxm";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

export type CredentialsOutcome =
  | { ok: true; user: { id: string; name: string; email: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function checkCredentials(raw: unknown, ip: string): Promise<CredentialsOutcome> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) {
    await verifyPassword("x", DUMMY_HASH);
    return { ok: false, reason: "invalid" };
  }
  const { email, password } = parsed.data;
  const gate = await registerLoginAttempt(email, ip);
  if (!gate.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const user = await findUserByEmail(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || !user.active || !isRole(user.role)) return { ok: false, reason: "invalid" };
  await clearLoginAttempts(email, ip);
  await recordLogin(user.id);
  return { ok: true, user: { id: String(user.id), name: user.name, email: user.email, role: user.role } };
}
