import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyProductImportRows, type ImportProgress, nextBatchRows } from "@/lib/db/imports";
import type { ImportRow } from "@/lib/imports/parse";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// A long catalogue import runs in batches, one transaction each, with a progress event after each: a write that
// arrives meanwhile (a chat turn) lands between two batches instead of after the whole import.
const row = (i: number): ImportRow => ({
  line: i + 2,
  legacyId: null,
  active: true,
  sku: `LOTE-${String(i).padStart(4, "0")}`,
  name: `Producto de lote ${i}`,
  description: null,
  category: "Lotes",
  brand: null,
  price: 1_000 + i,
  stock: i % 7,
  unit: null,
  standard: null,
  synonyms: null,
});

describe.each(FLAVOURS)("batched catalogue import on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("reports progress per batch and lets another write in before it ends", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(i));
    const events: string[] = [];
    const progress: ImportProgress[] = [];
    const running = applyProductImportRows(rows, null, {
      mode: "upsert",
      batchRows: 25,
      onProgress: (p) => {
        progress.push(p);
        events.push(`batch ${p.done}`);
        // a customer's turn arrives while the import runs
        if (p.done === 25)
          void db()
            .setting.upsert({
              where: { key: "test.turn" },
              create: { key: "test.turn", value: "{}" },
              update: { value: "{}" },
            })
            .then(() => events.push("turn written"));
      },
    });
    const summary = await running;
    expect(summary).toEqual({ created: 60, updated: 0, unchanged: 0, deactivated: 0 });
    expect(progress).toEqual([
      { done: 25, total: 60 },
      { done: 50, total: 60 },
      { done: 60, total: 60 },
    ]);
    expect(events.indexOf("turn written")).toBeGreaterThan(-1);
    expect(events.indexOf("turn written")).toBeLessThan(events.indexOf("batch 60"));
    expect(await t.db.product.count({ where: { category: "Lotes" } })).toBe(60);
    expect(await t.db.stockMovement.count({ where: { reason: "import", product: { category: "Lotes" } } })).toBe(
      rows.filter((r) => r.stock !== 0).length,
    );
  }, 30_000);

  it("a second run of the same file changes nothing", async () => {
    const summary = await applyProductImportRows(
      Array.from({ length: 60 }, (_, i) => row(i)),
      null,
      { mode: "upsert", batchRows: 25 },
    );
    expect(summary).toEqual({ created: 0, updated: 0, unchanged: 60, deactivated: 0 });
  }, 30_000);
});

describe("adaptive import batches", () => {
  it("shrink when someone waited at the last yield, grow (at most doubling) when no one did", () => {
    // 500 rows took 100 ms and a turn ran in the yield: the next batch aims at the busy budget
    const busy = nextBatchRows(500, 100, 30);
    expect(busy).toBeLessThan(500);
    expect(busy).toBeGreaterThanOrEqual(250);
    // the same batch with nobody waiting: a longer budget, but not more than twice the rows at once
    const idle = nextBatchRows(500, 100, 0);
    expect(idle).toBeGreaterThan(busy);
    expect(idle).toBeLessThanOrEqual(1_000);
    // a very fast batch never jumps past the cap, a very slow one never drops below the floor
    expect(nextBatchRows(4_000, 1, 0)).toBeLessThanOrEqual(5_000);
    expect(nextBatchRows(300, 10_000, 50)).toBeGreaterThan(0);
  });

  it("on PostgreSQL, a batch whose index puts took long is followed by a smaller one", () => {
    // the statements within their budget (they do not block the event loop), the puts after the commit do
    const quickPuts = nextBatchRows(2_500, 400, 0, false, 10);
    const slowPuts = nextBatchRows(2_500, 400, 0, false, 200);
    expect(slowPuts).toBeLessThan(quickPuts);
    expect(slowPuts).toBeGreaterThanOrEqual(250);
    // SQLite's budget already bounds its batches: the puts do not shrink them (more commits cost it more)
    expect(nextBatchRows(2_500, 400, 0, true, 200)).toBe(nextBatchRows(2_500, 400, 0, true));
  });
});
