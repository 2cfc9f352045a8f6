import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authConfig } from "@/lib/auth/config";
import { clearLoginAttempts, clientIp, registerLoginAttempt } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { isRole } from "@/lib/auth/permissions";
import { findUserByEmail, recordLogin } from "@/lib/db/staff";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

export class InvalidCredentials extends CredentialsSignin {
  override code = "credenciales_invalidas";
}

/** Too many failures for this account from this IP; `code` carries the wait in seconds for the message. */
export class LoginThrottled extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `demasiados_intentos:${retryAfterSeconds}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Correo" }, password: { label: "Contraseña", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const ip = clientIp(request.headers);
        const gate = await registerLoginAttempt(parsed.data.email, ip);
        if (!gate.allowed) throw new LoginThrottled(gate.retryAfterSeconds);
        const user = await findUserByEmail(parsed.data.email);
        const valid =
          user?.active && isRole(user.role) && (await verifyPassword(parsed.data.password, user.passwordHash));
        if (!user || !valid || !isRole(user.role)) throw new InvalidCredentials();
        await clearLoginAttempts(parsed.data.email, ip);
        await recordLogin(user.id);
        return { id: String(user.id), name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
});
