import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { shouldRespond } from "@/lib/legacy-api/chat-control";
import { importLegacyDatabase, type LegacyImportReport } from "@/lib/legacy-import";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { APP_DB, alteredCopy, footprint, scratchDir } from "./helpers";

// The rules that the real app.db does not exercise (its switches have no reason, no client is a company,
// every sale has its cédula and one line): a copy of app.db changed to hold them, imported per flavour.
const CHANGES = `
  UPDATE clientes SET cedula = '900.123.456-7', nombre_completo = 'Extintores del Valle SAS',
    notas = 'Paga a 30 días' WHERE cedula = '1098765432';
  UPDATE ventas SET cliente_cedula = '900.123.456-7' WHERE id = 4;
  -- a second line of pedido 279, and a second line of venta 5's POST (same chat, same second, no pedido_id)
  INSERT INTO ventas (id, producto_id, cantidad, total, chat_id, estado, cliente_cedula, detalle, fecha) VALUES
    (9, 18, 3, 285000, 'cliente_empresa_1', 'completada', '900.123.456-7', '{"pedido_id": 279}',
     '2025-05-27 16:14:05'),
    (10, 20, 3, 100000, 'test-venta-final', 'completada', NULL,
     '{"datos_cliente": {"cedula": "87654321", "nombre_completo": "Cliente Final Test"}}', '2025-05-29 14:22:47');
  -- venta 5's buyer only in detalle.datos_cliente
  UPDATE ventas SET cliente_cedula = NULL WHERE id = 5;
  UPDATE chat_control SET ia_activa = 0, motivo_desactivacion = 'Inventario en revisión',
    usuario_que_desactivo = 'admin@sextinvalle.com' WHERE tipo_control = 'global';
  UPDATE chat_control SET ia_activa = 0, motivo_desactivacion = 'El cliente pidió un asesor',
    usuario_que_desactivo = 'laura' WHERE chat_id = 'chat_especifico_123';
`;

describe.each(FLAVOURS)("legacy import details on %s", (flavour) => {
  let t: TestDatabase;
  let file: string;
  let first: LegacyImportReport;
  const scratch = scratchDir();

  beforeAll(async () => {
    file = alteredCopy(scratch.dir, "detalles.db", CHANGES);
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    first = await importLegacyDatabase(file, { dryRun: false, principal: null });
  }, 120_000);
  afterAll(async () => {
    scratch.cleanup();
    await t.drop();
  });

  it("recognises a NIT from the number and keeps the client's notes, barrio and delivery directions", async () => {
    const company = await t.db.client.findUniqueOrThrow({
      where: { documentType_documentNumber: { documentType: "NIT", documentNumber: "900123456-7" } },
    });
    expect(company).toMatchObject({ name: "Extintores del Valle SAS", neighborhood: "La Candelaria" });
    expect(company.notes).toContain("Paga a 30 días");
    expect(company.notes).toContain("Edificio azul, portón café, timbre #301");
    const order = await t.db.order.findUniqueOrThrow({ where: { number: "ANT-P000279" } });
    expect(order).toMatchObject({ clientId: company.id, customerDocumentType: "NIT" });
  });

  it("groups lines by pedido_id, else by chat and time; unit price is total ÷ quantity", async () => {
    const pedido = await t.db.order.findUniqueOrThrow({
      where: { number: "ANT-P000279" },
      include: { lines: { orderBy: { sku: "asc" } } },
    });
    expect(pedido.total).toBe(225_000 + 285_000);
    expect(pedido.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.subtotal])).toEqual([
      ["SV-0001", 5, 45_000, 225_000],
      ["SV-0018", 3, 95_000, 285_000],
    ]);
    const post = await t.db.order.findUniqueOrThrow({
      where: { number: "ANT-V000005" },
      include: { lines: { orderBy: { sku: "asc" } } },
    });
    expect(post.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.subtotal])).toEqual([
      ["SV-0020", 3, 33_333, 100_000],
      ["SV-0119", 1, 151, 151],
    ]);
    expect(await t.db.order.count({ where: { number: { startsWith: "ANT-" } } })).toBe(8);
  });

  it("takes the customer from detalle.datos_cliente when the sale has no cliente_cedula", async () => {
    const order = await t.db.order.findUniqueOrThrow({ where: { number: "ANT-V000005" }, include: { client: true } });
    expect(order.customerDocument).toBe("87654321");
    expect(order.client).toMatchObject({ documentNumber: "87654321", name: "Cliente Final Test" });
    expect(order.client).toMatchObject({ purchaseCount: 1, purchaseTotal: 100_151 });
  });

  it("brings the bot switches across with their reason and who switched them", async () => {
    expect(await getGlobalBotSetting()).toMatchObject({
      enabled: false,
      reason: "Inventario en revisión",
      by: "sistema anterior: admin@sextinvalle.com",
      at: "2025-05-27T20:20:03.000Z",
    });
    const chat = await t.db.conversation.findUniqueOrThrow({ where: { chatId: "chat_especifico_123" } });
    expect(chat.botEnabled).toBe(false);
    expect((await shouldRespond("chat_especifico_123")).bot_conversacion_activo).toBe(false);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { entityType: "conversation", entityId: "chat_especifico_123" },
    });
    expect(audit).toMatchObject({
      action: "conversation.takeover",
      reason: "El cliente pidió un asesor",
      actorLabel: "sistema anterior: laura",
    });
    expect(audit.createdAt.toISOString()).toBe("2025-05-27T20:20:31.000Z");
  });

  it("a second run of the changed file is a no-op too", async () => {
    expect(first.changed).toBe(true);
    const snapshot = await footprint(t.db);
    const again = await importLegacyDatabase(file, { dryRun: false, principal: null });
    expect(again.changed).toBe(false);
    expect(await footprint(t.db)).toEqual(snapshot);
  });
});

// A shop that had already loaded its catalogue by CSV before this import existed: its products carry generated
// SKUs and no legacy id, so they are matched by name. app.db repeats «Chaleco Reflectivo» (6, an old inactive
// seed row, and 48, the real one): one existing product must not absorb both.
describe.each(FLAVOURS)("legacy import over a catalogue loaded by CSV on %s", (flavour) => {
  let t: TestDatabase;
  let chaleco: number;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    const created = await t.db.product.create({
      data: { sku: "IMP-MX506W8C-48", name: "CHALECO REFLECTIVO", category: "Varios", price: 1, skuInternal: true },
    });
    chaleco = created.id;
  }, 120_000);
  afterAll(async () => t.drop());

  it("matches the repeated name to one legacy product, creates the other, and a second run is a no-op", async () => {
    const report = await importLegacyDatabase(APP_DB, { dryRun: false, principal: null });
    expect(await t.db.product.count({ where: { legacyId: { not: null } } })).toBe(121);
    expect(report.products).toMatchObject({ created: 120, updated: 1 });
    const matched = await t.db.product.findUniqueOrThrow({ where: { id: chaleco } });
    expect(matched).toMatchObject({ legacyId: 48, sku: "SV-0048", active: true, name: "Chaleco reflectivo" });
    expect(await t.db.product.findUniqueOrThrow({ where: { legacyId: 6 } })).toMatchObject({
      sku: "SV-0006",
      active: false,
    });
    const snapshot = await footprint(t.db);
    const again = await importLegacyDatabase(APP_DB, { dryRun: false, principal: null });
    expect(again.changed).toBe(false);
    expect(await footprint(t.db)).toEqual(snapshot);
  });
});
