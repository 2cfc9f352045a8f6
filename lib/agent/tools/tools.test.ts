import { describe, expect, it } from "vitest";
import { orderDigest } from "@/lib/sales/machine";
import type { SaleSnapshot } from "@/lib/sales/types";
import { loadCatalog, loadCompany } from "../test-support/fixtures";
import { understandOffline } from "../understanding/offline";
import { agentTools } from "./index";
import { createToolSession, type ToolSession } from "./session";

// The tools alone, on the demo catalogue: what each accepts, refuses and leaves in the working sale.
const catalog = loadCatalog();
const company = loadCompany();
const casco = catalog.bySku("CAB-001");
if (!casco) throw new Error("fixture lacks CAB-001");

const customer = {
  name: "Juan Pérez",
  documentType: "CC" as const,
  documentNumber: "1234567890",
  phone: "3104567890",
  address: "Calle 10 # 20-30",
};

function sessionFor(text: string, sale: SaleSnapshot | null): ToolSession {
  const offline = understandOffline(text, { history: [], sale, catalog, isStaff: false });
  return createToolSession({ catalog, company, history: [], sale, isStaff: false, offline: offline.understanding });
}

async function call(session: ToolSession, tool: string, input: Record<string, unknown>) {
  const tools = agentTools(session) as Record<string, { execute?: (i: unknown, o: unknown) => unknown }>;
  return (await tools[tool]?.execute?.(input, { toolCallId: "t", messages: [] })) as Record<string, unknown>;
}

/** A sale whose summary the last answer showed: in listo_para_finalizar, the pending question is its digest. */
function shownSale(): SaleSnapshot {
  const base: SaleSnapshot = {
    state: "listo_para_finalizar",
    lines: [{ sku: "CAB-001", name: casco?.name ?? "", quantity: 2, unitPrice: casco?.price ?? 0 }],
    customer,
    pending: null,
  };
  return { ...base, pending: { kind: "confirm_order", digest: orderDigest(base) } };
}

describe("the hosted model's tools", () => {
  it("validates customer data: a NIT with a wrong check digit is refused, the right one normalised and kept", async () => {
    const session = sessionFor("mi NIT es 900123456-1", null);
    const wrong = await call(session, "set_customer_data", { documentType: "NIT", documentNumber: "900123456-1" });
    expect(wrong).toMatchObject({ ok: false, error: { code: "datos_invalidos" } });
    expect(session.events).toEqual([]);
    const right = await call(session, "set_customer_data", {
      documentType: "NIT",
      documentNumber: "900.123.456",
      phone: "+57 310 456 7890",
    });
    expect(right).toMatchObject({ accepted: ["documentNumber", "phone", "documentType"], invalid: [] });
    expect(session.working.customer).toMatchObject({
      documentType: "NIT",
      documentNumber: "900123456-8",
      phone: "3104567890",
    });
  });

  it("keeps the valid fields of a mixed call and reports the invalid ones", async () => {
    const session = sessionFor("soy Ana, cel 12345", null);
    const result = await call(session, "set_customer_data", { name: "Ana Gómez", phone: "12345" });
    expect(result).toMatchObject({ ok: false, accepted: ["name"], invalid: [{ field: "phone" }] });
    expect(session.working.customer).toEqual({ name: "Ana Gómez" });
  });

  it("confirms the order the customer saw when their own message confirms it", async () => {
    const session = sessionFor("sí, confirmo el pedido", shownSale());
    expect(await call(session, "confirm_order", {})).toMatchObject({ ok: true, closing: true });
    expect(session.events).toEqual([{ type: "confirm", shown: orderDigest(shownSale()) }]);
  });

  it("refuses a confirmation after the cart changed in the same turn: that order was never shown", async () => {
    const session = sessionFor("sí, confirmo el pedido", shownSale());
    await call(session, "search_catalog", { query: "casco blanco" });
    expect(await call(session, "add_item", { sku: "CAB-001", quantity: 1 })).toMatchObject({ ok: true });
    expect(await call(session, "confirm_order", {})).toMatchObject({ error: { code: "resumen_no_mostrado" } });
    expect(session.events.map((e) => e.type)).toEqual(["add"]);
  });

  it("refuses to replace a line by a product no tool returned, and a line that is not in the cart", async () => {
    const session = sessionFor("mejor el amarillo", shownSale());
    expect(await call(session, "replace_item", { sku: "CAB-001", by: "CAB-002" })).toMatchObject({
      error: { code: "sku_desconocido", sku: "CAB-002" },
    });
    await call(session, "search_catalog", { query: "casco amarillo" });
    expect(await call(session, "remove_item", { sku: "CAB-002" })).toMatchObject({
      error: { code: "no_esta_en_el_carrito" },
    });
    expect(await call(session, "replace_item", { sku: "CAB-001", by: "CAB-002" })).toMatchObject({ ok: true });
    expect(session.working.lines.map((l) => [l.sku, l.quantity])).toEqual([["CAB-002", 2]]);
  });

  it("offers lookup_client only to staff", () => {
    expect(Object.keys(agentTools(sessionFor("hola", null)))).not.toContain("lookup_client");
    const staff = createToolSession({
      ...sessionFor("hola", null),
      isStaff: true,
      lookupClient: async () => ({ found: false }),
    });
    expect(Object.keys(agentTools(staff))).toContain("lookup_client");
  });
});
