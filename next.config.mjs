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
  experimental: { authInterrupts: true },
};

export default nextConfig;
