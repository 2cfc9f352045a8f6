import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth/config";
import { checkCredentials } from "@/lib/auth/credentials";
import { clientIp } from "@/lib/auth/login-throttle";
import { revokeUserSessions } from "@/lib/db/settings";

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
  // Every way out (the console's button, POST /api/auth/signout, a server-side signOut) revokes the tokens
  // issued so far: a JWT cannot be deleted from every browser, so a copied cookie would stay valid for hours.
  events: {
    async signOut(message) {
      const sub = "token" in message ? message.token?.sub : undefined;
      const id = Number(sub);
      if (Number.isInteger(id) && id > 0) await revokeUserSessions(id);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Correo" }, password: { label: "Contraseña", type: "password" } },
      async authorize(raw, request) {
        const outcome = await checkCredentials(raw, clientIp(request.headers));
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "throttled") throw new LoginThrottled(outcome.retryAfterSeconds);
        throw new InvalidCredentials();
      },
    }),
  ],
});
