import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// In production lib/db loads twice: server.ts (tsx) creates the process-wide client at start-up, and Next's
// bundle — its own copy of every module — then runs the turn's hot statements on that same client. A client
// created by one copy must reach its connection from the other (per-module maps answered every turn with a 500).
describe.each(FLAVOURS)("hot statements across two copies of lib/db on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("reads on the driver with a client the other copy created", async () => {
    vi.resetModules(); // a copy that has read this suite's DATABASE_URL
    const first = await import("@/lib/db/client");
    const client = first.db(); // as server.ts does before Next prepares
    vi.resetModules();
    const second = await import("@/lib/db/client");
    expect(second).not.toBe(first);
    expect(second.db() === client).toBe(true); // (a Prisma client is too deep to print on a failure)
    const hot = await second.hotStatements();
    const rows = await hot.all(`SELECT COUNT(*) AS "n" FROM "Product"`);
    expect(Number(rows[0]?.n)).toBe(await t.db.product.count());
    expect((await first.hotStatements()).connection).toBe(hot.connection);
  });
});
