"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { revokeOwnSessionsAction } from "@/app/login/actions";

// Revokes the user's tokens on the server, then clears the cookie through next-auth's own endpoint. The
// revocation matters: the proxy re-issues the session cookie on every /dashboard request, so a prefetch in
// flight during sign-out could otherwise put a valid cookie back.
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn-secondary w-full px-3 py-1.5"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void revokeOwnSessionsAction()
          .catch(() => undefined)
          .finally(() => signOut({ redirectTo: "/login" }));
      }}
    >
      Cerrar sesión
    </button>
  );
}
