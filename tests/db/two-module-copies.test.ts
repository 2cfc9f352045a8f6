import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// In production the custom server (tsx) and Next's server bundle each load their own copy of lib/db, while
// the process-wide client lives on globalThis: the copy that did not create it must still reach the driver
// connection under it (the inventory page failed with "Invalid value used as weak map key").
describe.each(FLAVOURS)("hot statements from a second copy of lib/db on %s", (flavour) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(flavour);
    useDatabaseForApp(database.url);
  });
  afterAll(async () => {
    const shared = globalThis as unknown as { __sextinvalleDb?: { client: { $disconnect(): Promise<void> } } };
    await shared.__sextinvalleDb?.client.$disconnect();
    delete shared.__sextinvalleDb;
    await database.drop();
  });

  it("runs a statement on the client the other copy created", async () => {
    vi.resetModules();
    const first = await import("@/lib/db/client");
    const client = first.db();
    await client.product.count();
    vi.resetModules();
    const second = await import("@/lib/db/client");
    expect(second).not.toBe(first);
    expect(second.db()).toBe(client);
    const statements = await second.hotStatements();
    const rows = await statements.all('SELECT COUNT(*) AS n FROM "Product"', []);
    expect(Number(rows[0]?.n)).toBe(await client.product.count());
  });
});
