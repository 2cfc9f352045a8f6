import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readKnowledgeVersions } from "@/lib/db/catalog";
import { ensureConversation, loadTurnState } from "@/lib/db/conversations";
import { saleFromOrder } from "@/lib/db/open-orders";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The turn's reads run as prepared statements on the driver (lib/db/driver.ts): they must return exactly what
// the Prisma query they replaced returns — same columns, dates as UTC instants (also when the process is not on
// UTC), booleans, floats, JSON metadata — on both engines.
describe.each(FLAVOURS)("turn state read through the driver on %s", (flavour) => {
  let t: TestDatabase;
  const tz = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = "America/Bogota"; // a local-time reading of a UTC timestamp would be 5 h off
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    process.env.TZ = tz;
    await t.drop();
  });

  /** The Prisma query loadTurnState ran before (same include), as the expected value. */
  async function prismaState(chatId: string) {
    const row = await t.db.conversation.findUniqueOrThrow({
      where: { chatId },
      include: {
        messages: { where: { role: { in: ["customer", "assistant", "staff"] } }, orderBy: { id: "desc" }, take: 10 },
        orders: { orderBy: { id: "desc" }, take: 1, include: { lines: { orderBy: { id: "asc" } } } },
      },
    });
    const { messages, orders, ...conversation } = row;
    return {
      conversation,
      recent: messages.reverse().map((m) => ({ ...m, metadata: JSON.parse(m.metadata) as unknown })),
      sale: orders[0] ? saleFromOrder(orders[0], conversation.saleState) : null,
    };
  }

  it("returns the conversation, its last messages and its open order as Prisma did", async () => {
    const chatId = `driver-${flavour}`;
    const conversation = await t.db.conversation.create({
      data: {
        chatId,
        channel: "api",
        botEnabled: false,
        customerName: "Laura Gómez",
        saleState: "pendiente",
        attentionSince: new Date("2026-11-30T23:59:58.123Z"),
        attentionReason: "pide asesor",
      },
    });
    await t.db.message.createMany({
      data: Array.from({ length: 13 }, (_, i) => ({
        conversationId: conversation.id,
        role: i === 5 ? "system" : i % 2 === 0 ? "customer" : "assistant",
        text: `mensaje ${i} — «ñandú»`,
        intent: i % 2 === 0 ? "venta" : null,
        metadata: JSON.stringify({ i, nested: { ok: true }, list: [1, "dos"] }),
        confidence: i % 2 === 0 ? 0.875 : null,
        totalMs: i,
        createdAt: new Date(Date.UTC(2026, 10, 30, 22, 0, i, 7)),
      })),
    });
    await t.db.order.create({
      data: { number: "DRV-OLD", conversationId: conversation.id, state: "cancelada", total: 1 },
    });
    await t.db.order.create({
      data: {
        number: "DRV-0001",
        conversationId: conversation.id,
        state: "pendiente",
        total: 77_000,
        customerName: "Laura Gómez",
        customerDocumentType: "CC",
        customerDocument: "1144556677",
        customerPhone: "3104567890",
        lines: {
          create: [
            { sku: "CAS-001", name: "Casco", quantity: 2, unitPrice: 38_500, subtotal: 77_000 },
            { sku: "GUA-002", name: "Guante", quantity: 1, unitPrice: 0, subtotal: 0 },
          ],
        },
      },
    });

    const state = await loadTurnState(chatId, "api", 10);
    const expected = await prismaState(chatId);
    expect(state).toEqual(expected);
    expect(state.conversation.attentionSince?.toISOString()).toBe("2026-11-30T23:59:58.123Z");
    expect(state.conversation.botEnabled).toBe(false);
    expect(state.recent).toHaveLength(10);
    expect(state.recent.map((m) => m.text)).not.toContain("mensaje 5 — «ñandú»");
    expect(state.recent.at(-1)?.createdAt.toISOString()).toBe("2026-11-30T22:00:12.007Z");
    expect(state.sale?.number).toBe("DRV-0001");
    expect(state.sale?.snapshot.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["CAS-001", 2],
      ["GUA-002", 1],
    ]);
  });

  it("creates the conversation on its first message", async () => {
    const state = await loadTurnState(`driver-new-${flavour}`, "whatsapp", 10);
    expect(state.conversation.channel).toBe("whatsapp");
    expect(state.conversation.botEnabled).toBe(true);
    expect(state.recent).toEqual([]);
    expect(state.sale).toBeNull();
    expect(await prismaState(`driver-new-${flavour}`)).toEqual(state);
  });

  it("creates a new conversation on the driver, not through Prisma, once under concurrent first messages", async () => {
    const { db } = await import("@/lib/db/client");
    const prisma = db();
    const upsert = vi.spyOn(prisma.conversation, "upsert");
    const create = vi.spyOn(prisma.conversation, "create");
    try {
      const chatId = `driver-burst-${flavour}`;
      const states = await Promise.all(Array.from({ length: 5 }, () => loadTurnState(chatId, "ws", 10)));
      expect(upsert).not.toHaveBeenCalled();
      expect(create).not.toHaveBeenCalled();
      expect(new Set(states.map((s) => s.conversation.id)).size).toBe(1);
      expect(await t.db.conversation.count({ where: { chatId } })).toBe(1);
      const [first] = states;
      expect(await prismaState(chatId)).toEqual(first);
      // the three dates are the same instant, read back as Prisma writes them (UTC, also off UTC)
      const { createdAt, updatedAt, lastMessageAt } = first?.conversation ?? {};
      expect(updatedAt?.getTime()).toBe(createdAt?.getTime());
      expect(lastMessageAt?.getTime()).toBe(createdAt?.getTime());
      expect(Math.abs((createdAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    } finally {
      upsert.mockRestore();
      create.mockRestore();
    }
  });

  it("ensureConversation (legacy API sales) creates one row under concurrent first uses, and keeps an existing one", async () => {
    const chatId = `ensure-burst-${flavour}`;
    const rows = await Promise.all(Array.from({ length: 5 }, () => ensureConversation(chatId, "api")));
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(rows[0]).toEqual(await t.db.conversation.findUniqueOrThrow({ where: { chatId } }));
    const existing = await ensureConversation(`driver-${flavour}`, "web");
    expect(existing.channel).toBe("api"); // created by the first test as "api": nothing is updated
  });

  it("reads the knowledge versions, and sees a product change", async () => {
    const before = await readKnowledgeVersions();
    expect(before.catalog).not.toBe("");
    const product = await t.db.product.findFirstOrThrow({ orderBy: { id: "asc" } });
    await t.db.product.update({ where: { id: product.id }, data: { stock: product.stock + 1 } });
    const after = await readKnowledgeVersions();
    expect(after.catalog).not.toBe(before.catalog);
    expect(after.company).toBe(before.company);
  });

  it("reconnects after the client was disconnected", async () => {
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
    const state = await loadTurnState(`driver-${flavour}`, "api", 3);
    expect(state.recent.map((m) => m.text)).toEqual([
      "mensaje 10 — «ñandú»",
      "mensaje 11 — «ñandú»",
      "mensaje 12 — «ñandú»",
    ]);
  });
});
