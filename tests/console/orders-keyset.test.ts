import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOrderQuery } from "@/lib/console/order-query";
import { forgetTotals } from "@/lib/db/list-totals";
import { decodeOrderCursor, listOrders, ORDERS_PAGE_SIZE } from "@/lib/db/order-admin";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The sales list read by cursor: pages follow (createdAt desc, id desc) without gaps or repeats, also when many
// orders share one instant, and filters hold across pages; line counts and totals match the rows.
describe.each(FLAVOURS)("sales list by cursor on %s", (flavour) => {
  let t: TestDatabase;
  const tie = new Date("2026-11-20T15:00:00.000Z");
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    forgetTotals();
    await t.db.order.deleteMany({});
    // two statements, not 70 nested creates: the setup stays short on a loaded machine
    const orders = await t.db.order.createManyAndReturn({
      data: Array.from({ length: 70 }, (_, i) => ({
        number: `KS-${String(i).padStart(3, "0")}`,
        state: i % 3 === 0 ? "cerrada" : "pendiente",
        channel: i % 2 === 0 ? "web" : "api",
        total: 1_000 * (i + 1),
        // 30 orders on one instant: the id must break the tie
        createdAt: i < 30 ? tie : new Date(tie.getTime() - (i - 29) * 60_000),
      })),
      select: { id: true, number: true },
    });
    await t.db.orderLine.createMany({
      data: orders.flatMap((o) => {
        const i = Number(o.number.slice(3));
        return Array.from({ length: 1 + (i % 3) }, (_, k) => ({
          orderId: o.id,
          sku: `SKU-${k}`,
          name: "x",
          quantity: 1,
          unitPrice: 1,
          subtotal: 1,
        }));
      }),
    });
  }, 60_000);
  afterAll(async () => t.drop());

  async function walk(params: Record<string, string>) {
    const q = parseOrderQuery(params);
    const seen: { id: number; number: string; lines: number }[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listOrders(q, { after });
      seen.push(...page.rows.map((r) => ({ id: r.id, number: r.number, lines: r._count.lines })));
      if (!page.nextCursor) return { seen, total: page.total, byState: page.byState };
      after = page.nextCursor;
    }
    throw new Error("pagination did not end");
  }

  it("walks every order once, newest first, ties broken by id", async () => {
    const { seen, total } = await walk({});
    const expected = await t.db.order.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen.map((s) => s.id)).toEqual(expected.map((e) => e.id));
    expect(total).toBe(70);
    expect(seen.length).toBeGreaterThan(2 * ORDERS_PAGE_SIZE);
  });

  it("keeps the filter across pages and counts each order's lines", async () => {
    const { seen, total, byState } = await walk({ state: "cerrada" });
    const numbers = seen.map((s) => Number(s.number.slice(3)));
    expect(numbers.every((n) => n % 3 === 0)).toBe(true);
    expect(seen).toHaveLength(24);
    expect(total).toBe(24);
    expect(byState.cerrada).toEqual({ count: 24, total: numbers.reduce((sum, n) => sum + 1_000 * (n + 1), 0) });
    for (const s of seen) expect(s.lines).toBe(1 + (Number(s.number.slice(3)) % 3));
  });

  it("ignores a cursor it did not make", async () => {
    expect(decodeOrderCursor("../../etc")).toBeNull();
    const first = await listOrders(parseOrderQuery({}), { after: "no-es-un-cursor" });
    expect(first.rows[0]?.number).toBe("KS-029");
  });

  it("reads the cursor from the URL query, and sorts by a whitelisted key with page numbers instead", async () => {
    const first = await listOrders(parseOrderQuery({}));
    const second = await listOrders(parseOrderQuery({ after: first.nextCursor ?? "" }));
    expect(second.rows[0]?.id).not.toBe(first.rows[0]?.id);
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);

    const byTotal = parseOrderQuery({ sort: "-total", page: "2", after: first.nextCursor ?? "" });
    expect(byTotal).toMatchObject({ sort: { key: "total", desc: true }, page: 2, after: null });
    const page2 = await listOrders(byTotal);
    // 70 orders of 1 000 … 70 000 pesos: the second page of 25, largest first, starts at 45 000
    expect(page2.rows.map((r) => r.total)).toEqual(Array.from({ length: 25 }, (_, i) => 45_000 - 1_000 * i));
    expect(page2.nextCursor).toBeNull();
    expect(page2.total).toBe(70);

    const cheapest = await listOrders(parseOrderQuery({ sort: "total" }));
    expect(cheapest.rows[0]?.total).toBe(1_000);
    // anything outside the whitelist is the default order
    const unknown = await listOrders(parseOrderQuery({ sort: "customerDocument" }));
    expect(unknown.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});
