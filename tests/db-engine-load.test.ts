import { describe, expect, it } from "vitest";
import { modulesLoaded } from "./module-loads";

// Issue 12: the server loads only the configured engine's generated Prisma client (each is ~0.35 MB of code,
// kept in memory once loaded). A fresh process imports lib/db/client with DATABASE_URL set to one engine.
describe("lib/db loads one engine", () => {
  it.each([
    ["sqlite", "file:./.tmp/engine-load.db", "postgres"],
    ["postgres", "postgresql://postgres@127.0.0.1:5432/unused", "sqlite"],
  ])("with a %s DATABASE_URL it never loads the other engine's client", (flavour, url, other) => {
    const script = `const { createDb } = await import("@/lib/db/client");\ncreateDb(process.env.DATABASE_URL);`;
    const loaded = modulesLoaded(script, { DATABASE_URL: url });
    expect(loaded.some((m) => m.includes(`/lib/generated/${flavour}/client`))).toBe(true);
    expect(loaded.filter((m) => m.includes(`/lib/generated/${other}/`))).toEqual([]);
  });
});
