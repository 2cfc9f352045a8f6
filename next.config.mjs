/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let the e2e server build while a dev server runs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // NEXT_OUTPUT=standalone (Dockerfile, docs/deploy.md): also writes .next/standalone with the traced server files.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  typedRoutes: false,
  // Native and server-only packages stay outside the bundle. The AI SDK, the S3 client and zod are also used by
  // the custom server (server.ts, bundled without its packages): kept external, both load the one copy in
  // node_modules instead of the server's plus a bundled one (issue 12: idle RSS).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "ioredis",
    "exceljs",
    "ws",
    "pdfkit",
    "ai",
    "@ai-sdk/google",
    "@ai-sdk/openai-compatible",
    "@ai-sdk/provider",
    "@ai-sdk/provider-utils",
    "@aws-sdk/client-s3",
    "@aws-sdk/s3-request-presigner",
    "zod",
  ],
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Next 16 loads every route's server bundle when the server starts (~200 MB here, most of it never used by a
  // chat-only instance): routes load on their first request instead.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
};

export default nextConfig;
