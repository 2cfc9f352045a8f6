import type { NextAuthConfig } from "next-auth";
import { isRole, type Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

// Edge-safe part of the auth configuration (no database, no hashing): used by proxy.ts and lib/auth/auth.ts.
const maxAgeHours = Number(process.env.SESSION_MAX_AGE_HOURS ?? 12) || 12;

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; signedInAt?: number };
  }
}

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: maxAgeHours * 3600 },
  trustHost: true,
  secret: env().AUTH_SECRET,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id && user.role) {
        token.sub = user.id;
        token.role = user.role;
        // survives cookie refreshes (unlike iat), so a sign-out can revoke every token issued before it
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && isRole(token.role)) {
        const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
        session.user = { ...session.user, id: token.sub, role: token.role, signedInAt } as typeof session.user;
      }
      return session;
    },
    // The proxy only redirects anonymous visitors of the console; authorisation happens on the server.
    authorized({ auth, request }) {
      const inConsole = request.nextUrl.pathname.startsWith("/dashboard");
      return inConsole ? Boolean(auth?.user) : true;
    },
  },
} satisfies NextAuthConfig;
