import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";

// The phone-sale server action end to end on both databases: the real action, a real session user, the
// sale state machine's validation and closeOrder's stock rules.
const session = vi.hoisted(() => ({ userId: null as number | null }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: String(session.userId) } } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const customer = {
  name: "Constructora Andina",
  documentType: "CC" as const,
  documentNumber: "1.098.765.432",
  phone: "310 555 0199",
  email: "",
  address: "Cra 10 # 20-30",
  city: "Palmira",
};

describe.each(FLAVOURS)("manual (phone) order on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    session.userId = (await t.db.user.findFirstOrThrow({ where: { role: "ventas" } })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("closes a sale with database prices, decrements stock, upserts the client and audits it", async () => {
    const { createManualOrderAction } = await import("@/app/(console)/dashboard/orders/actions");
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "AUD-003" } });
    const result = await createManualOrderAction({ customer, lines: [{ sku: "aud-003", quantity: 2 }], note: "" });
    expect(result).toMatchObject({ ok: true, data: { total: product.price * 2 } });
    if (!result.ok) return;
    const order = await t.db.order.findUniqueOrThrow({
      where: { id: result.data.id },
      include: { lines: true, history: true },
    });
    expect(order).toMatchObject({
      state: "cerrada",
      channel: "console",
      createdById: session.userId,
      customerDocument: "1098765432",
      customerPhone: "3105550199",
    });
    expect(order.lines).toEqual([expect.objectContaining({ sku: "AUD-003", quantity: 2, unitPrice: product.price })]);
    expect(order.history[0]).toMatchObject({ toState: "cerrada", actorType: "staff" });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock - 2);
    expect(await t.db.auditLog.count({ where: { action: "order.create_manual", entityId: String(order.id) } })).toBe(1);
  });

  it("refuses more than the stock and invalid customer data, field by field, changing nothing", async () => {
    const { createManualOrderAction } = await import("@/app/(console)/dashboard/orders/actions");
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "RES-006" } });
    const orders = await t.db.order.count();
    const result = await createManualOrderAction({
      customer: { ...customer, phone: "12345" },
      lines: [
        { sku: "RES-006", quantity: product.stock + 1 },
        { sku: "NO-EXISTE", quantity: 1 },
      ],
      note: "",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_input");
    expect(result.error.fields).toMatchObject({
      "lines.0.quantity": `Solo hay ${product.stock} disponibles de RES-006.`,
      "lines.1.sku": "No existe un producto activo NO-EXISTE.",
      "customer.phone": expect.stringContaining("celular"),
    });
    expect(await t.db.order.count()).toBe(orders);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(product.stock);
  });
});
