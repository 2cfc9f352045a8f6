import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Finds every entry point of the app on disk, so a new page, route or action cannot escape the matrix test.
export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export function walk(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out.sort();
}

export const rel = (file: string) => path.relative(ROOT, file).replace(/\\/g, "/");

export function consolePageFiles(): string[] {
  return walk(path.join(ROOT, "app", "(console)"), (f) => f.endsWith(`${path.sep}page.tsx`)).map(rel);
}

export function routeFiles(): string[] {
  return walk(path.join(ROOT, "app"), (f) => f.endsWith(`${path.sep}route.ts`)).map(rel);
}

/** Every module under app/ that starts with the "use server" directive. */
export function serverActionFiles(): string[] {
  return walk(path.join(ROOT, "app"), (f) => /\.(ts|tsx)$/.test(f))
    .filter((f) => /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(f, "utf8")))
    .map(rel);
}

/** `app/api/exports/[id]/route.ts` → { path: "/api/exports/1", params: { id: "1" } } */
export function routeUrl(file: string): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/?route\.ts$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (catchAll?.[1]) {
        params[catchAll[1]] = ["1"];
        return "1";
      }
      const dynamic = /^\[(\w+)\]$/.exec(s);
      if (dynamic?.[1]) {
        params[dynamic[1]] = "1";
        return "1";
      }
      return s;
    });
  return { path: `/${segments.join("/")}`, params };
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
