/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let the e2e server build while a dev server runs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // NEXT_OUTPUT=standalone (Dockerfile, docs/deploy.md): also writes .next/standalone with the traced server files.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  typedRoutes: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "ioredis",
    "exceljs",
    "ws",
    "pdfkit",
  ],
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Next 16 loads every route's server bundle when the server starts (~200 MB here, most of it never used by a
  // chat-only instance): routes load on their first request instead.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
};

export default nextConfig;
