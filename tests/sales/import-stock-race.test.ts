import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProductImportRows } from "@/lib/db/imports";
import { closeOrder } from "@/lib/db/orders";
import type { ImportRow } from "@/lib/imports/parse";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// A catalogue import sets stock to the file's value while sales keep closing. Whatever the interleaving,
// the stock movements after a point must add up to the change in stock (the import's movement is measured
// from the stock it actually replaced, not from a stale read).
const customer = {
  name: "Cliente Concurrente",
  documentType: "CC" as const,
  documentNumber: "71555000",
  phone: "3001234567",
  address: "Calle 5 # 38-25",
  city: "Cali",
};

function importRow(line: number, p: { sku: string; name: string; price: number; category: string }, stock: number) {
  return {
    line,
    sku: p.sku,
    name: p.name,
    description: null,
    category: p.category,
    brand: null,
    price: p.price,
    stock,
    unit: null,
    standard: null,
    synonyms: null,
    legacyId: null,
    active: null,
  } satisfies ImportRow;
}

describe.each(FLAVOURS)("import vs. sales on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  async function movementSum(productId: number, afterId: number) {
    const rows = await t.db.stockMovement.findMany({ where: { productId, id: { gt: afterId } } });
    return { sum: rows.reduce((s, m) => s + m.delta, 0), rows };
  }

  it("a sale committed while the import runs is not lost from the movements", async () => {
    const [first, target] = await t.db.product.findMany({
      where: { active: true, stock: { gte: 10 } },
      orderBy: { id: "asc" },
      take: 2,
    });
    if (!first || !target) throw new Error("seed has too few products");
    const lastMovement = (await t.db.stockMovement.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const importedStock = target.stock + 50;
    const rows = [importRow(2, first, first.stock + 7), importRow(3, target, importedStock)];
    const sale = () =>
      closeOrder({ lines: [{ sku: target.sku, quantity: 3 }], customer, channel: "api", actor: { type: "api" } });

    if (flavour === "postgres") {
      // Deterministic interleaving: another session holds the first product, so the import has read its
      // index and waits there while the sale on the second product commits; then the import continues.
      const blocker = new pg.Client({ connectionString: t.url });
      const watcher = new pg.Client({ connectionString: t.url }); // outside the blocker's stats snapshot
      await Promise.all([blocker.connect(), watcher.connect()]);
      try {
        await blocker.query("BEGIN");
        await blocker.query(`SELECT id FROM "Product" WHERE id = $1 FOR UPDATE`, [first.id]);
        const importing = applyProductImportRows(rows, null, { mode: "upsert", fileName: "carrera.csv" });
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows: waiting } = await watcher.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (waiting[0].n > 0) break;
          if (Date.now() > deadline) throw new Error("the import never waited on the locked row");
          await new Promise((r) => setTimeout(r, 20));
        }
        await sale();
        await blocker.query("COMMIT");
        await importing;
      } finally {
        await Promise.all([blocker.end(), watcher.end()]);
      }
    } else {
      await Promise.all([applyProductImportRows(rows, null, { mode: "upsert", fileName: "carrera.csv" }), sale()]);
    }

    const final = await t.db.product.findUniqueOrThrow({ where: { id: target.id } });
    const { sum, rows: movements } = await movementSum(target.id, lastMovement);
    expect(movements.map((m) => m.reason).sort()).toEqual(["import", "sale"]);
    expect(sum).toBe(final.stock - target.stock);
    expect(movements.sort((a, b) => a.id - b.id).at(-1)?.stockAfter).toBe(final.stock);
    if (flavour === "postgres") {
      const importMovement = movements.find((m) => m.reason === "import");
      expect(final.stock).toBe(importedStock); // the file's value wins, and its movement says so exactly
      expect(importMovement?.delta).toBe(importedStock - (target.stock - 3));
    }
  });
});
