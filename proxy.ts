import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Redirects anonymous visitors of /dashboard to the login page. It decides nothing else: every page,
// route handler and server action checks the caller's role again on the server.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = { matcher: ["/dashboard/:path*"] };
