import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 12: the server loads only the configured engine's generated Prisma client (each is ~0.35 MB of code,
// and the query compiler it pulls in is the largest string in the heap). A fresh process under tsx imports
// lib/db/client with DATABASE_URL set to one engine; a resolve hook writes down every module it loads.
const root = path.resolve(import.meta.dirname, "..");

function modulesLoaded(databaseUrl: string): string[] {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "engine-load-")), "modules.txt");
  const hook = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(out)}, result.url + "\\n");
  return result;
}`;
  const script = `import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
const { createDb } = await import("@/lib/db/client");
createDb(process.env.DATABASE_URL);`;
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return readFileSync(out, "utf8").split("\n");
}

describe("lib/db loads one engine", () => {
  it.each([
    ["sqlite", "file:./.tmp/engine-load.db", "postgres"],
    ["postgres", "postgresql://postgres@127.0.0.1:5432/unused", "sqlite"],
  ])("with a %s DATABASE_URL it never loads the other engine's client", (flavour, url, other) => {
    const loaded = modulesLoaded(url);
    expect(loaded.some((m) => m.includes(`/lib/generated/${flavour}/client`))).toBe(true);
    expect(loaded.filter((m) => m.includes(`/lib/generated/${other}/`))).toEqual([]);
  });
});
