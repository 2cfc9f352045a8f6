import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// tools/build-server.mjs: the production custom server. Its query compiler modules hand the generated client the
// same WebAssembly as Prisma's own module, without holding the base64 text as a string (issue 12: idle RSS).
const root = path.resolve(import.meta.dirname, "..");
const dist = mkdtempSync(path.join(root, ".tmp", "build-server-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe("build-server", () => {
  it("bundles server.ts; each engine's query compiler gives Prisma's bytes and keeps no string", async () => {
    execFileSync(process.execPath, [path.join(root, "tools", "build-server.mjs"), dist], {
      cwd: root,
      stdio: "ignore",
    });
    const chunks = readdirSync(path.join(dist, "custom-server", "chunks"));
    for (const engine of ["sqlite", "postgresql"]) {
      const chunk = chunks.find((c) => c.startsWith(`query_compiler_fast_bg.${engine}.wasm-base64-`));
      expect(chunk, engine).toBeDefined();
      const { wasm } = await import(pathToFileURL(path.join(dist, "custom-server", "chunks", chunk as string)).href);
      expect(typeof wasm).not.toBe("string");
      const original = await import(`@prisma/client/runtime/query_compiler_fast_bg.${engine}.wasm-base64.mjs`);
      const bytes = Buffer.from(wasm, "base64");
      expect(bytes.equals(Buffer.from(original.wasm, "base64"))).toBe(true);
      expect(WebAssembly.validate(bytes)).toBe(true);
    }
  });
});
