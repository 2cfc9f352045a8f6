import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Next's compiled server and the custom server (server.ts) load lib/db as two module instances that share the
// process-wide client on globalThis; the driver's hot statements must reach its connection from either.
describe.each(FLAVOURS)("the process-wide database client across module instances on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    vi.resetModules();
    await t.drop();
  });

  it("a second copy of lib/db runs hot statements on the client the first one created", async () => {
    vi.resetModules();
    const first = await import("@/lib/db/client");
    await first.db().$queryRawUnsafe("SELECT 1");
    vi.resetModules();
    const second = await import("@/lib/db/client");
    expect(second.db()).toBe(first.db());
    const statements = await second.hotStatements();
    expect((await statements.all("SELECT 1 AS one")).map((r) => Number(r.one))).toEqual([1]);
  });
});

// PostgreSQL names a prepared statement once per connection; every copy of lib/db runs on the same pool, so a name
// must mean one statement text in the whole process (each copy numbering its own first statement failed the
// second copy's first turn with "Prepared statements must be unique", found by bench/cluster).
describe("hot statements named across module instances on postgres", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("postgres");
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    vi.resetModules();
    await t.drop();
  });

  it("two copies of lib/db run different statements on the same connections", async () => {
    vi.resetModules();
    const first = await (await import("@/lib/db/client")).hotStatements();
    vi.resetModules();
    const second = await (await import("@/lib/db/client")).hotStatements();
    for (let i = 0; i < 3; i++) {
      expect((await first.all(`SELECT ${i} + 1 AS one`)).map((r) => Number(r.one))).toEqual([i + 1]);
      expect((await second.all(`SELECT ${i} + 2 AS two`)).map((r) => Number(r.two))).toEqual([i + 2]);
    }
  });
});
