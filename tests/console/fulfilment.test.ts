import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { staffPrincipal } from "./helpers";

// Issue 14: a sold order goes through pagada → despachada → entregada, each step recorded with who and when
// (state history + audit), comments join its timeline, the remisión renders, and a dispatched order cannot be
// cancelled. Real databases, both flavours.
describe.each(FLAVOURS)("order fulfilment on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  }, 60_000);
  afterAll(async () => t.drop());

  async function soldOrder(sku: string, quantity: number) {
    const { closeOrder } = await import("@/lib/db/orders");
    return closeOrder({
      lines: [{ sku, quantity }],
      customer: {
        name: "Laura Gómez",
        documentType: "CC",
        documentNumber: "1144556677",
        phone: "3104567890",
        email: null,
        address: "Calle 5 # 38-25",
        city: "Cali",
      },
      channel: "console",
      actor: { type: "staff", id: null },
      note: "prueba",
    });
  }

  it("records each step with its actor, stamps and audit entry, in order", { timeout: 30_000 }, async () => {
    const { advanceFulfilment, addOrderComment } = await import("@/lib/db/fulfilment");
    const ventas = await staffPrincipal(t.db, "ventas");
    const order = await soldOrder("CAB-001", 2);

    await expect(
      advanceFulfilment(order.id, { type: "dispatch", carrier: "TCC", trackingNumber: "1" }, null, ventas),
    ).rejects.toMatchObject({ code: "conflict" });
    await advanceFulfilment(order.id, { type: "pay" }, "Transferencia Bancolombia", ventas);
    await expect(advanceFulfilment(order.id, { type: "pay" }, null, ventas)).rejects.toMatchObject({
      code: "conflict",
    });
    await advanceFulfilment(
      order.id,
      { type: "dispatch", carrier: "Servientrega", trackingNumber: "SV-998877" },
      null,
      ventas,
    );
    await addOrderComment(order.id, "El cliente pide llamar antes de llegar", ventas);
    await advanceFulfilment(order.id, { type: "deliver" }, null, ventas);

    const row = await t.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({
      state: "cerrada",
      fulfilment: "entregada",
      carrier: "Servientrega",
      trackingNumber: "SV-998877",
    });
    const stamps = [row.paidAt, row.dispatchedAt, row.deliveredAt].map((d) => d?.getTime() ?? Number.NaN);
    expect(stamps.every(Number.isFinite)).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    const history = await t.db.orderStateChange.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromState, h.toState])).toEqual([
      [null, "cerrada"],
      ["cerrada", "pagada"],
      ["pagada", "despachada"],
      ["despachada", "entregada"],
    ]);
    expect(history.slice(1).every((h) => h.actorType === "staff" && h.actorId === ventas.id)).toBe(true);
    expect(history[1]?.note).toBe("Transferencia Bancolombia");
    expect(history[2]?.note).toBe("Servientrega · guía SV-998877");
    const audit = await t.db.auditLog.findMany({
      where: { entityType: "order", entityId: String(order.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["order.pay", "order.dispatch", "order.comment", "order.deliver"]);
    expect(audit.every((a) => a.actorId === ventas.id)).toBe(true);
    expect(JSON.parse(audit[1]?.after ?? "{}")).toEqual({
      fulfilment: "despachada",
      carrier: "Servientrega",
      trackingNumber: "SV-998877",
    });
    const comments = await t.db.orderComment.findMany({ where: { orderId: order.id } });
    expect(comments.map((c) => [c.text, c.authorId])).toEqual([["El cliente pide llamar antes de llegar", ventas.id]]);
  });

  it("refuses to cancel a dispatched order and leaves stock alone; a paid one gives its units back", async () => {
    const { advanceFulfilment } = await import("@/lib/db/fulfilment");
    const { cancelOrder } = await import("@/lib/db/order-admin");
    const ventas = await staffPrincipal(t.db, "ventas");
    const stockOf = async () => (await t.db.product.findUniqueOrThrow({ where: { sku: "VIS-001" } })).stock;

    const dispatched = await soldOrder("VIS-001", 3);
    await advanceFulfilment(dispatched.id, { type: "pay" }, null, ventas);
    await advanceFulfilment(dispatched.id, { type: "dispatch", carrier: "TCC", trackingNumber: "T-1" }, null, ventas);
    const before = await stockOf();
    await expect(cancelOrder(dispatched.id, "ya no lo quiere", ventas)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("ya fue despachado"),
    });
    expect(await stockOf()).toBe(before);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: dispatched.id } })).state).toBe("cerrada");

    const paid = await soldOrder("VIS-001", 4);
    await advanceFulfilment(paid.id, { type: "pay" }, null, ventas);
    const paidStock = await stockOf();
    await cancelOrder(paid.id, "pagó dos veces", ventas);
    expect(await stockOf()).toBe(paidStock + 4);
  }, 30_000);

  it("renders the remisión of a sold order with its lines and carrier, and refuses an open cart", async () => {
    const { advanceFulfilment } = await import("@/lib/db/fulfilment");
    const { remisionDocument, renderRemisionPdf } = await import("@/lib/documents/remision");
    const ventas = await staffPrincipal(t.db, "ventas");
    const order = await soldOrder("CAB-001", 5);
    await advanceFulfilment(order.id, { type: "pay" }, null, ventas);
    await advanceFulfilment(
      order.id,
      { type: "dispatch", carrier: "Coordinadora", trackingNumber: "C-42" },
      null,
      ventas,
    );
    const doc = await remisionDocument(order.id);
    expect(doc.kind).toBe("remision");
    expect(doc.number).toBe(order.number);
    expect(doc.lines.map((l) => [l.code, l.quantity])).toEqual([["CAB-001", 5]]);
    expect(doc.total).toBe(order.total);
    expect(doc.customer.lines).toContain("Entregar en: Calle 5 # 38-25, Cali");
    expect(doc.notes.join(" ")).toContain("Coordinadora, guía C-42");
    const { PDFParse } = await import("pdf-parse");
    const { pdf } = await renderRemisionPdf(order.id);
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
    expect(text).toContain("REMISIÓN");
    expect(text).toContain(order.number);

    const open = await t.db.order.create({ data: { number: `CARRITO-${flavour}`, state: "pendiente" } });
    await expect(remisionDocument(open.id)).rejects.toMatchObject({ code: "conflict" });
  }, 30_000);
});
