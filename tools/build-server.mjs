#!/usr/bin/env node
// Builds the custom server (server.ts: Next + the legacy WebSocket) for production into
// <distDir>/custom-server/server.mjs, run by plain node (`npm start`). Under tsx the server also ran tsx's loader
// thread (a second V8 isolate) and kept the source maps of every module; ~55–80 MB of idle RSS (issue 12).
// Packages stay in node_modules (--packages=external): the ones Next's bundle also uses are listed in
// next.config.mjs `serverExternalPackages`, so both load the same single copy. Only the project's own code is
// bundled; the generated Prisma clients go to their own chunks, imported only for the configured engine.
import path from "node:path";
import { build } from "esbuild";

// Prisma's query compiler reaches the client as a module exporting the WebAssembly as one base64 string. Imported,
// that module keeps its 4.4 MB source and the 4.4 MB literal for the life of the process. In the server bundle it
// is replaced by one that reads the string from the same package file each time the client asks, for
// `Buffer.from(wasm, "base64")` in the generated client's decoder, and keeps nothing.
const QUERY_COMPILER = /^@prisma\/client\/runtime\/(query_compiler_fast_bg\.\w+\.wasm-base64)\.mjs$/;
const queryCompilerOnDemand = {
  name: "query-compiler-on-demand",
  setup(b) {
    b.onResolve({ filter: QUERY_COMPILER }, (args) => ({
      path: args.path.replace(QUERY_COMPILER, "@prisma/client/runtime/$1.js"),
      namespace: "query-compiler",
    }));
    b.onLoad({ filter: /.*/, namespace: "query-compiler" }, (args) => ({
      loader: "js",
      contents: `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const file = createRequire(import.meta.url).resolve(${JSON.stringify(args.path)});
const PREFIX = 'const wasm = "';
export const wasm = {
  [Symbol.toPrimitive]() {
    const text = readFileSync(file, "utf8");
    if (!text.startsWith(PREFIX)) throw new Error("unexpected layout of " + file + " (tools/build-server.mjs)");
    return text.slice(PREFIX.length, text.indexOf('"', PREFIX.length));
  },
};`,
    }));
  },
};

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
  plugins: [queryCompilerOnDemand],
  logLevel: "warning",
});
console.log(`custom server built: ${path.relative(root, path.join(outdir, "server.mjs"))}`);
