/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "ioredis", "exceljs", "ws"],
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  experimental: { authInterrupts: true },
};

export default nextConfig;
