import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHistory } from "@/app/chat/historial/[chat_id]/route";
import { getCurrentCompanyInfo } from "@/lib/db/company";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { importLegacyDatabase, type LegacyImportReport } from "@/lib/legacy-import";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, request } from "../exports/helpers";
import { APP_DB, footprint, legacyCount, legacyQuery } from "./helpers";

// The previous system's real app.db moved into SQLite and PostgreSQL: imported once per flavour (after a dry
// run), then checked against the file read directly, then imported again to prove the second run is a no-op.
type Venta = { id: number; total: number; cantidad: number; chat_id: string; detalle: string | null };

const legacyChats = () =>
  legacyQuery<{ chat_id: string }>(
    `SELECT chat_id FROM mensajes UNION SELECT chat_id FROM ventas WHERE chat_id IS NOT NULL
     UNION SELECT chat_id FROM chat_control WHERE chat_id IS NOT NULL AND tipo_control = 'conversacion'`,
  ).map((r) => r.chat_id);

describe.each(FLAVOURS)("legacy app.db import into %s", (flavour) => {
  let t: TestDatabase;
  let before: Awaited<ReturnType<typeof footprint>>;
  let dryRun: LegacyImportReport;
  let afterDryRun: Awaited<ReturnType<typeof footprint>>;
  let first: LegacyImportReport;

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    before = await footprint(t.db);
    dryRun = await importLegacyDatabase(APP_DB, { dryRun: true, principal: null });
    afterDryRun = await footprint(t.db);
    first = await importLegacyDatabase(APP_DB, { dryRun: false, principal: null });
  }, 120_000);
  afterAll(async () => t.drop());

  it("a dry run reports the whole import and writes nothing", () => {
    expect(afterDryRun).toEqual(before);
    expect(dryRun.dryRun).toBe(true);
    expect(dryRun.changed).toBe(true);
    const { dryRun: _a, ...dry } = dryRun;
    const { dryRun: _b, ...real } = first;
    expect(dry).toEqual(real);
  });

  it("brings every row across: products, clients, orders, conversations, messages", async () => {
    const productos = legacyCount("SELECT COUNT(*) AS n FROM productos");
    expect(first.products.created).toBe(productos);
    expect(await t.db.product.count({ where: { legacyId: { not: null } } })).toBe(productos);
    // the demo catalogue the template was seeded with no longer sells; the shop's own rows keep `activo`
    const activos = legacyCount("SELECT COUNT(*) AS n FROM productos WHERE activo = 1");
    expect(await t.db.product.count({ where: { active: true } })).toBe(activos);
    expect(first.products.deactivated).toBe(before.active);

    const extintor = await t.db.product.findUniqueOrThrow({ where: { legacyId: 18 } });
    expect(extintor).toMatchObject({ sku: "SV-0018", name: "Extintor PQS 6kg", price: 95_000, stock: 18 });
    expect(extintor).toMatchObject({ active: true, skuInternal: true, category: "Sin categoría" });
    // names the file repeats are not refused (its own rows 6/48 and 116/117 repeat): each keeps its SKU, and the
    // report says so
    const repeated = legacyQuery<{ ids: string }>(
      "SELECT group_concat(id, ', ') AS ids FROM productos GROUP BY lower(nombre) HAVING COUNT(*) > 1",
    );
    expect(repeated.length).toBeGreaterThan(0);
    for (const { ids } of repeated) {
      expect(first.notes).toContainEqual(
        expect.stringMatching(new RegExp(`^Nombre repetido «.+» en los productos ${ids}:`)),
      );
      expect(await t.db.product.count({ where: { legacyId: { in: ids.split(", ").map(Number) } } })).toBe(
        ids.split(", ").length,
      );
    }
    const seed = await t.db.product.findUniqueOrThrow({ where: { legacyId: 3 } });
    expect(seed).toMatchObject({ active: false, stock: 0, category: "Protección Cabeza" });

    const cedulas = legacyQuery<{ cedula: string }>(
      "SELECT cedula FROM clientes UNION SELECT cliente_cedula FROM ventas WHERE cliente_cedula IS NOT NULL",
    ).map((r) => r.cedula);
    const clients = await t.db.client.findMany({ where: { documentNumber: { in: cedulas } } });
    expect(clients.map((c) => c.documentNumber).sort()).toEqual([...cedulas].sort());
    const maria = clients.find((c) => c.documentNumber === "1098765432");
    expect(maria).toMatchObject({ documentType: "CC", neighborhood: "La Candelaria", name: "María Fernanda López" });
    expect(maria?.notes).toContain("Edificio azul, portón café, timbre #301");

    const chats = legacyChats();
    expect(first.conversations.created).toBe(chats.length);
    const mensajes = legacyCount("SELECT COUNT(*) AS n FROM mensajes");
    expect(first.messages.created).toBe(mensajes);
    expect(await t.db.message.count()).toBe(before.messages + mensajes);
    const telegram = await t.db.conversation.findUniqueOrThrow({
      where: { channel_channelUserId: { channel: "telegram", channelUserId: "7063675095" } },
    });
    expect(telegram.chatId).not.toBe("7063675095");
    expect((await t.db.conversation.findUniqueOrThrow({ where: { chatId: "default" } })).channel).toBe("web");
    expect((await t.db.conversation.findUniqueOrThrow({ where: { chatId: "test_debug" } })).channel).toBe("api");
  });

  it("orders keep their totals, lines, customers and closed state; stock is not decremented again", async () => {
    const ventas = legacyQuery<Venta>("SELECT id, total, cantidad, chat_id, detalle FROM ventas");
    const orders = await t.db.order.findMany({ where: { number: { startsWith: "ANT-" } }, include: { lines: true } });
    expect(orders.reduce((s, o) => s + o.total, 0)).toBe(ventas.reduce((s, v) => s + Math.round(v.total), 0));
    expect(orders.flatMap((o) => o.lines).reduce((s, l) => s + l.quantity, 0)).toBe(
      ventas.reduce((s, v) => s + v.cantidad, 0),
    );
    // one order per detalle.pedido_id, else per chat and exact time
    const pedidos = legacyCount(
      `SELECT COUNT(DISTINCT COALESCE('P' || json_extract(detalle, '$.pedido_id'), 'C' || chat_id || '|' || fecha))
       AS n FROM ventas`,
    );
    expect(orders.length).toBe(pedidos);
    expect(first.orders.created).toBe(pedidos);
    expect(orders.every((o) => o.state === "cerrada" && o.closedAt !== null)).toBe(true);
    const pedido279 = orders.find((o) => o.number === "ANT-P000279");
    expect(pedido279).toMatchObject({ total: 225_000, customerDocument: "1098765432" });
    expect(pedido279?.lines).toEqual([expect.objectContaining({ sku: "SV-0001", quantity: 5, unitPrice: 45_000 })]);
    expect(pedido279?.createdAt.toISOString()).toBe("2025-05-27T21:14:04.000Z");
    // product 119 sold 3 units in the previous system; its stock stays what the file says
    const stock = legacyQuery<{ stock: number }>("SELECT stock FROM productos WHERE id = 119")[0]?.stock;
    expect((await t.db.product.findUniqueOrThrow({ where: { legacyId: 119 } })).stock).toBe(stock);

    const juan = await t.db.client.findUniqueOrThrow({
      where: { documentType_documentNumber: { documentType: "CC", documentNumber: "12345678" } },
      include: { orders: true },
    });
    // recomputed from the orders (the seed's and the imported ones), not copied from the file's counters
    const [sold] = legacyQuery<{ n: number; total: number }>(
      `SELECT COUNT(DISTINCT COALESCE(json_extract(detalle, '$.pedido_id'), chat_id || fecha)) AS n,
              SUM(ROUND(total)) AS total FROM ventas WHERE cliente_cedula = '12345678'`,
    );
    const imported = juan.orders.filter((o) => o.number.startsWith("ANT-"));
    expect(imported).toHaveLength(sold?.n ?? Number.NaN);
    expect(imported.reduce((s, o) => s + o.total, 0)).toBe(sold?.total);
    const closed = juan.orders.filter((o) => o.state === "cerrada");
    expect(juan.purchaseCount).toBe(closed.length);
    expect(juan.purchaseTotal).toBe(closed.reduce((s, o) => s + o.total, 0));
    const last = Math.max(...closed.map((o) => o.closedAt?.getTime() ?? 0));
    expect(juan.lastPurchaseAt?.getTime()).toBe(last);
  });

  it("a conversation's history reads in the original order with the right roles and UTC instants", async () => {
    const rows = legacyQuery<{ id: number; remitente: string; mensaje: string }>(
      "SELECT id, remitente, mensaje FROM mensajes WHERE chat_id = 'test_correo_123' ORDER BY id",
    );
    const stored = await t.db.message.findMany({
      where: { conversation: { chatId: "test_correo_123" } },
      orderBy: { id: "asc" },
    });
    const role = { usuario: "customer", agente: "assistant", sistema: "system", cliente: "system" } as const;
    expect(stored.map((m) => [m.role, m.text])).toEqual(
      rows.map((r) => [role[r.remitente as keyof typeof role], r.mensaje]),
    );
    // local 09:45:11 (UTC−5), and the cart row written in UTC lands 4 s later, not 5 h later
    expect(stored[0]?.createdAt.toISOString()).toBe("2025-05-27T14:45:11.408Z");
    expect(stored[1]?.createdAt.toISOString()).toBe("2025-05-27T14:45:15.197Z");
    expect(JSON.parse(stored[1]?.metadata ?? "{}")).toMatchObject({
      productos: [{ producto_id: 1, cantidad: 1 }],
      legado: { id: 22, remitente: "sistema" },
    });
    expect(stored[2]?.intent).toBe("venta");
  });

  it("every imported history keeps the previous order, and /chat/historial reads it back in the old vocabulary", async () => {
    const stored = await t.db.message.findMany({
      where: { metadata: { contains: '"legado"' } },
      orderBy: { id: "asc" },
      select: { conversationId: true, metadata: true, createdAt: true },
    });
    expect(stored).toHaveLength(legacyCount("SELECT COUNT(*) AS n FROM mensajes"));
    const byConversation = new Map<number, { legacyId: number; at: number }[]>();
    for (const m of stored) {
      const legacyId = (JSON.parse(m.metadata) as { legado: { id: number } }).legado.id;
      const list = byConversation.get(m.conversationId) ?? [];
      list.push({ legacyId, at: m.createdAt.getTime() });
      byConversation.set(m.conversationId, list);
    }
    expect(byConversation.size).toBe(legacyCount("SELECT COUNT(DISTINCT chat_id) AS n FROM mensajes"));
    const outOfOrder = [...byConversation.values()].filter((list) =>
      list.some((m, i) => i > 0 && (m.legacyId < (list[i - 1]?.legacyId ?? 0) || m.at < (list[i - 1]?.at ?? 0))),
    );
    expect(outOfOrder).toEqual([]);

    const chatId = "test-pedido-nuevo";
    const rows = legacyQuery<{ remitente: string; mensaje: string; tipo_mensaje: string | null }>(
      "SELECT remitente, mensaje, tipo_mensaje FROM mensajes WHERE chat_id = ? ORDER BY id",
      chatId,
    );
    expect(rows.map((r) => r.remitente)).toContain("cliente");
    const staff = await apiKeyFor("admin");
    const res = await getHistory(
      request(`/chat/historial/${chatId}?limite=500`, { key: staff }),
      ctx({ chat_id: chatId }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(rows.length);
    expect(
      body.data.map((m: { remitente: string; mensaje: string; tipo_mensaje: string | null }) => [
        m.remitente,
        m.mensaje,
        m.tipo_mensaje,
      ]),
    ).toEqual(rows.map((r) => [r.remitente, r.mensaje, r.tipo_mensaje]));
    expect(body.data[0].metadatos).not.toHaveProperty("legado");
  });

  it("the active company text is current, and the bot switches came across", async () => {
    const [active] = legacyQuery<{ contenido: string }>("SELECT contenido FROM contexto_empresa WHERE activo = 1");
    const current = await getCurrentCompanyInfo();
    expect(current?.content).toBe(active?.contenido);
    expect(current?.content).toContain("Cra 4 #31-11");
    expect(await t.db.companyInfo.count()).toBe(before.company + 5);
    expect((await getGlobalBotSetting()).enabled).toBe(true);
    const switched = await t.db.auditLog.findMany({
      where: { entityType: "conversation", actorLabel: { startsWith: "sistema anterior" } },
    });
    expect(switched.map((a) => a.entityId).sort()).toEqual([
      "chat_especifico_123",
      "test-123",
      "test-conversation-123",
    ]);
  });

  it("a second run changes nothing and says so", async () => {
    const snapshot = await footprint(t.db);
    const updatedAt = (await t.db.product.findUniqueOrThrow({ where: { legacyId: 18 } })).updatedAt;
    const again = await importLegacyDatabase(APP_DB, { dryRun: false, principal: null });
    expect(again.changed).toBe(false);
    for (const entity of [
      "products",
      "clients",
      "orders",
      "conversations",
      "botSwitches",
      "companyVersions",
    ] as const) {
      expect(again[entity].created + again[entity].updated, entity).toBe(0);
    }
    expect(again.messages).toEqual({ created: 0, unchanged: first.messages.created });
    expect(again.products.deactivated).toBe(0);
    expect(await footprint(t.db)).toEqual(snapshot);
    expect((await t.db.product.findUniqueOrThrow({ where: { legacyId: 18 } })).updatedAt).toEqual(updatedAt);
  });
});
