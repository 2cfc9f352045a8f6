import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { closeOrder } from "@/lib/db/orders";
import { loadDashboardMetrics } from "@/lib/metrics/dashboard";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { apiKeyFor, ctx, request } from "@/tests/exports/helpers";

// Metrics computed by SQL on both flavours, checked against figures computed here in plain JS.
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const k = p * (sorted.length - 1);
  const lo = Math.floor(k);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return Math.round(a + (k - lo) * (b - a));
}

const RANGE = { from: "2030-03-01", to: "2030-03-03" };
const at = (day: string, hourUtc: number) => new Date(`${day}T${String(hourUtc).padStart(2, "0")}:00:00.000Z`);

describe.each(FLAVOURS)("dashboard metrics on %s", (flavour) => {
  let t: TestDatabase;
  const totals: number[] = [];
  const models: number[] = [];
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const a = await t.db.conversation.create({ data: { chatId: "m-a", createdAt: at("2030-03-01", 15) } });
    const b = await t.db.conversation.create({ data: { chatId: "m-b", createdAt: at("2030-03-02", 3) } }); // 1 March in Colombia
    const msgs = [
      { conversationId: a.id, role: "customer", intent: "inventario", createdAt: at("2030-03-01", 15) },
      { conversationId: a.id, role: "customer", intent: "venta", createdAt: at("2030-03-01", 16) },
      { conversationId: b.id, role: "customer", intent: "venta", createdAt: at("2030-03-02", 3) },
      { conversationId: b.id, role: "customer", intent: "venta", createdAt: at("2030-03-02", 18) },
      { conversationId: b.id, role: "staff", intent: null, createdAt: at("2030-03-02", 19) },
    ];
    for (const m of msgs) await t.db.message.create({ data: { ...m, text: "x" } });
    for (let i = 0; i < 41; i++) {
      const total = 300 + ((i * 37) % 1000);
      const model = Math.floor(total * 0.6) + (i % 7);
      totals.push(total);
      models.push(model);
      await t.db.message.create({
        data: {
          conversationId: a.id,
          role: "assistant",
          text: "r",
          totalMs: total,
          modelMs: model,
          createdAt: at("2030-03-01", 17),
        },
      });
    }
    const closed = await closeOrder({
      conversationId: a.id,
      lines: [{ sku: "CAB-001", quantity: 2 }],
      customer: { name: "Ana", documentType: "CC", documentNumber: "55667788" },
      channel: "web",
      actor: { type: "bot" },
    });
    await t.db.order.update({ where: { id: closed.id }, data: { closedAt: at("2030-03-02", 20) } });
  });
  afterAll(async () => t.drop());

  it("groups by Colombian day, computes percentiles, conversion, revenue and handling", async () => {
    const m = await loadDashboardMetrics(RANGE);
    expect(m.days).toEqual(["2030-03-01", "2030-03-02", "2030-03-03"]);
    expect(m.messagesByIntent).toEqual(
      expect.arrayContaining([
        { day: "2030-03-01", intent: "inventario", count: 1 },
        { day: "2030-03-01", intent: "venta", count: 2 },
        { day: "2030-03-02", intent: "venta", count: 1 },
      ]),
    );
    expect(m.conversationsPerDay).toEqual([{ day: "2030-03-01", count: 2 }]);
    expect(m.responseTimes.count).toBe(41);
    expect(m.responseTimes.total).toEqual({ p50: percentileCont(totals, 0.5), p95: percentileCont(totals, 0.95) });
    expect(m.responseTimes.model).toEqual({ p50: percentileCont(models, 0.5), p95: percentileCont(models, 0.95) });
    const ours = totals.map((v, i) => v - (models[i] ?? 0));
    expect(m.responseTimes.ours).toEqual({ p50: percentileCont(ours, 0.5), p95: percentileCont(ours, 0.95) });
    expect(m.conversion).toEqual({ conversations: 2, converted: 1, rate: 0.5 });
    const price = (await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).price;
    expect(m.revenuePerDay).toEqual([{ day: "2030-03-02", revenue: price * 2, orders: 1 }]);
    expect(m.topProducts[0]).toMatchObject({ sku: "CAB-001", units: 2, revenue: price * 2 });
    expect(m.handling).toMatchObject({ botReplies: 41, humanReplies: 1, conversations: 2, humanConversations: 1 });
  });

  it("sums a hosted model's tokens and time per Colombian day, leaving offline turns out", async () => {
    const c = await t.db.conversation.create({ data: { chatId: "m-tokens", createdAt: at("2030-04-01", 15) } });
    const rows = [
      { inputTokens: 900, outputTokens: 40, modelMs: 1200, createdAt: at("2030-04-01", 15) },
      { inputTokens: 1300, outputTokens: 75, modelMs: 800, createdAt: at("2030-04-02", 2) }, // 1 April in Colombia
      { inputTokens: 500, outputTokens: 20, modelMs: 600, createdAt: at("2030-04-02", 18) },
      { inputTokens: null, outputTokens: null, modelMs: 3, createdAt: at("2030-04-02", 18) }, // offline
    ];
    for (const r of rows)
      await t.db.message.create({ data: { conversationId: c.id, role: "assistant", text: "r", ...r } });
    const m = await loadDashboardMetrics({ from: "2030-04-01", to: "2030-04-03" });
    expect(m.hostedModel).toEqual([
      { day: "2030-04-01", turns: 2, inputTokens: 2200, outputTokens: 115, modelMs: 2000 },
      { day: "2030-04-02", turns: 1, inputTokens: 500, outputTokens: 20, modelMs: 600 },
    ]);
  });

  it("is for managers and admins only, and validates the range", async () => {
    const url = `/api/metrics?from=${RANGE.from}&to=${RANGE.to}`;
    expect((await GET(request(url, { key: await apiKeyFor("gerente") }), ctx({}))).status).toBe(200);
    expect((await GET(request(url, { key: await apiKeyFor("ventas") }), ctx({}))).status).toBe(403);
    const admin = await apiKeyFor("admin");
    expect((await GET(request("/api/metrics?from=2030-03-05&to=2030-03-01", { key: admin }), ctx({}))).status).toBe(
      400,
    );
    expect((await GET(request("/api/metrics?from=ayer", { key: admin }), ctx({}))).status).toBe(400);
  });
});
