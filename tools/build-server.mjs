#!/usr/bin/env node
// Builds the custom server (server.ts: Next + the legacy WebSocket) for production into
// <distDir>/custom-server/server.mjs, run by plain node (`npm start`). Under tsx the server also ran tsx's loader
// thread (a second V8 isolate) and kept the source maps of every module; ~55–80 MB of idle RSS (issue 12).
// Packages stay in node_modules (--packages=external): the ones Next's bundle also uses are listed in
// next.config.mjs `serverExternalPackages`, so both load the same single copy. Only the project's own code is
// bundled; the generated Prisma clients go to their own chunks, imported only for the configured engine.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next";
const outdir = path.resolve(root, distDir, "custom-server");

await build({
  entryPoints: { server: path.join(root, "server.ts") },
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
console.log(`custom server built: ${path.relative(root, path.join(outdir, "server.mjs"))}`);
