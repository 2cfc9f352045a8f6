import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authConfig } from "@/lib/auth/config";
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

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Correo" }, password: { label: "Contraseña", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const user = await findUserByEmail(parsed.data.email);
        const valid =
          user?.active && isRole(user.role) && (await verifyPassword(parsed.data.password, user.passwordHash));
        if (!user || !valid || !isRole(user.role)) throw new InvalidCredentials();
        await recordLogin(user.id);
        return { id: String(user.id), name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
});
