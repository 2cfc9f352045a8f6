import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_EXCEL_ES, csvChunks } from "@/lib/exports/csv";
import { DATASETS } from "@/lib/exports/datasets";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// 200 000 rows stream out with flat memory (loose bound here; bench/exports.ts measures precisely).
const ROWS = 200_000;
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

describe.each(FLAVOURS)("a 200 000-row export on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const conversation = await t.db.conversation.create({ data: { chatId: `large-${flavour}` } });
    if (flavour === "sqlite") {
      await t.db.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
         INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "createdAt", "totalMs", "modelMs")
         SELECT ${conversation.id}, 'customer', 'Mensaje ' || i || ', con "comillas" y; punto y coma', 'inventario', 'pendiente', '{}',
                '2026-11-01T10:00:00.000+00:00', 800 + (i % 400), 500 + (i % 300) FROM n`,
      );
    } else {
      await t.db.$executeRawUnsafe(
        `INSERT INTO "Message" ("conversationId", "role", "text", "intent", "saleState", "metadata", "createdAt", "totalMs", "modelMs")
         SELECT ${conversation.id}, 'customer', 'Mensaje ' || i || ', con "comillas" y; punto y coma', 'inventario', 'pendiente', '{}',
                TIMESTAMP '2026-11-01 10:00:00', 800 + (i % 400), 500 + (i % 300) FROM generate_series(1, ${ROWS}) AS i`,
      );
    }
  }, 120_000);
  afterAll(async () => t.drop());

  it("streams every row while the retained heap stays far below the file size", { timeout: 180_000 }, async () => {
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = 0;
    let newlines = 0;
    let chunks = 0;
    for await (const chunk of csvChunks(DATASETS.conversaciones, { state: "pendiente" }, CSV_EXCEL_ES)) {
      bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf("\r\n"); i !== -1; i = chunk.indexOf("\r\n", i + 2)) newlines += 1;
      // what survives a collection is what the export holds on to
      if (++chunks % 10 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(newlines).toBe(ROWS + 1);
    expect(bytes).toBeGreaterThan(15_000_000);
    const growthMb = (peak - baseline) / 1_048_576;
    // a non-streaming export would hold the rows (hundreds of MB of objects) plus the whole text
    expect(growthMb).toBeLessThan(25);
    expect(growthMb * 1_048_576).toBeLessThan(bytes / 2);
  });
});
