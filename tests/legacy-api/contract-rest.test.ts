import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getClient } from "@/app/clientes/[cedula]/route";
import { GET as listClients } from "@/app/clientes/route";
import { POST as postProduct } from "@/app/productos/route";
import { GET as getSaleLine } from "@/app/venta/[id]/route";
import { GET as saleHistory } from "@/app/venta/historial/[chat_id]/route";
import { GET as listSaleLines, POST as postSale } from "@/app/venta/route";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, request } from "../exports/helpers";

// The previous system's /clientes and /venta shapes (../shared/reference/previous-system/CONTRACT.md): on these
// paths its field names and values win; ours are added beside them (docs/legacy-differences.md).
const CLIENT_FIELDS = [
  "cedula",
  "nombre_completo",
  "telefono",
  "correo",
  "direccion",
  "barrio",
  "indicaciones_adicionales",
  "fecha_registro",
  "fecha_ultima_compra",
  "total_compras",
  "valor_total_compras",
  "activo",
  "notas",
];
const VENTA_OUT = ["id", "producto_id", "cantidad", "total", "chat_id", "fecha"];
const HISTORIAL_ROW = [...VENTA_OUT, "estado", "cliente_cedula", "detalle"];
const PREVIOUS_SALE_STATES = ["completada", "pendiente", "cancelada"];

type Row = Record<string, unknown> & { id: number; producto_id: number; cantidad: number; total: number };

describe.each(FLAVOURS)("previous system's /clientes and /venta on %s", (flavour) => {
  let t: TestDatabase;
  let admin: string;
  const chatId = `contrato-rest-${flavour}`;
  const cedula = "52400111";
  let imported: { id: number; price: number; name: string };
  let ours: { id: number; price: number };
  let sale: {
    venta: { id: number; total: number };
    ventas_creadas: (Row & { venta_id: number; pedido_id: number })[];
  };

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    admin = await apiKeyFor("admin");
    // one product as an import leaves it (the previous system's id), one created here (no old id)
    const casco = await t.db.product.update({ where: { sku: "CAB-001" }, data: { legacyId: 9001 } });
    imported = { id: 9001, price: casco.price, name: casco.name };
    const other = await t.db.product.findFirstOrThrow({
      where: { active: true, stock: { gt: 5 }, legacyId: null, sku: { not: "CAB-001" } },
      orderBy: { id: "asc" },
    });
    ours = { id: other.id, price: other.price };
    const res = await postSale(
      request("/venta/", {
        method: "POST",
        key: admin,
        body: {
          chat_id: chatId,
          productos: [
            { producto_id: imported.id, cantidad: 2 },
            { producto_id: ours.id, cantidad: 1 },
          ],
          total: imported.price * 2 + ours.price,
          cliente_cedula: cedula,
          cliente_nombre: "Lucía Mosquera",
          cliente_telefono: "3164440000",
        },
      }),
      ctx({}),
    );
    expect(res.status).toBe(201);
    sale = await res.json();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("POST /venta/: one ventas_creadas row per line, its venta_id the line /venta/{id} answers, ids as /productos shows them", async () => {
    const rows = sale.ventas_creadas;
    expect(rows.map((r) => [r.producto_id, r.cantidad, r.total])).toEqual([
      [imported.id, 2, imported.price * 2],
      [ours.id, 1, ours.price],
    ]);
    expect(rows.map((r) => r.pedido_id)).toEqual([sale.venta.id, sale.venta.id]);
    const lines = await t.db.orderLine.findMany({ where: { orderId: sale.venta.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.venta_id)).toEqual(lines.map((l) => l.id));
    for (const row of rows) {
      const one = await getSaleLine(
        request(`/venta/${row.venta_id}`, { key: admin }),
        ctx({ id: String(row.venta_id) }),
      );
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({
        id: row.venta_id,
        producto_id: row.producto_id,
        cantidad: row.cantidad,
        total: row.total,
        chat_id: chatId,
        estado: "completada",
        pedido_id: sale.venta.id,
      });
    }
    const missing = await getSaleLine(request("/venta/999999", { key: admin }), ctx({ id: "999999" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe("Venta no encontrada");
  });

  it("GET /venta/: VentaOut rows, one per sold line, newest first; an open cart is not a sale", async () => {
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    await t.db.order.create({
      data: {
        number: `CARRITO-${flavour}`,
        conversationId: conversation.id,
        state: "iniciada",
        total: ours.price,
        lines: {
          create: [
            { productId: ours.id, sku: "X-CART", name: "x", quantity: 1, unitPrice: ours.price, subtotal: ours.price },
          ],
        },
      },
    });
    const res = await listSaleLines(request("/venta/", { key: admin }), ctx({}));
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Row[];
    expect(Array.isArray(rows)).toBe(true);
    expect(Number(res.headers.get("x-total-count"))).toBe(
      await t.db.orderLine.count({ where: { order: { closedAt: { not: null } } } }),
    );
    expect(Object.keys(rows[0] ?? {})).toEqual(expect.arrayContaining(VENTA_OUT));
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual(sale.ventas_creadas.map((r) => r.venta_id));
    expect(rows.map((r) => r.sku)).not.toContain("X-CART");
    for (const row of rows) expect(PREVIOUS_SALE_STATES).toContain(row.estado);
    const dates = rows.map((r) => Date.parse(String(r.fecha)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const paged = await listSaleLines(request("/venta/?limit=1&offset=1", { key: admin }), ctx({}));
    expect(((await paged.json()) as Row[]).map((r) => r.id)).toEqual([sale.ventas_creadas[1]?.venta_id]);
  });

  it("GET /venta/historial/{chat_id}: the previous row with estado, cliente_cedula and detalle", async () => {
    const res = await saleHistory(request(`/venta/historial/${chatId}`, { key: admin }), ctx({ chat_id: chatId }));
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Row[];
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0] ?? {})).toEqual(expect.arrayContaining(HISTORIAL_ROW));
    expect(rows.map((r) => [r.producto_id, r.estado, r.cliente_cedula, r.chat_id])).toEqual([
      [imported.id, "completada", cedula, chatId],
      [ours.id, "completada", cedula, chatId],
    ]);
    expect(rows[0]?.detalle).toMatchObject({ pedido_id: sale.venta.id, producto_nombre: imported.name });
    const none = await saleHistory(request("/venta/historial/nadie", { key: admin }), ctx({ chat_id: "nadie" }));
    expect(await none.json()).toEqual([]);
  });

  it("GET /clientes/: {clientes, total, busqueda}; total_compras counts purchases, valor_total_compras sums them", async () => {
    const res = await listClients(request(`/clientes/?busqueda=${cedula}`, { key: admin }), ctx({}));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, busqueda: cedula });
    expect(res.headers.get("x-total-count")).toBe("1");
    const [client] = body.clientes;
    expect(Object.keys(client)).toEqual(expect.arrayContaining(CLIENT_FIELDS));
    expect(client).toMatchObject({
      cedula,
      nombre_completo: "Lucía Mosquera",
      total_compras: 1,
      valor_total_compras: sale.venta.total,
      activo: true,
    });
    // our search parameter still works, and without a term the top buyers by value come first
    const byQ = await (await listClients(request(`/clientes/?q=${cedula}`, { key: admin }), ctx({}))).json();
    expect(byQ.clientes.map((c: { cedula: string }) => c.cedula)).toEqual([cedula]);
    // the previous `ilike`: a name in another case still matches
    const byName = await (
      await listClients(request("/clientes/?busqueda=lucía%20MOSQUERA", { key: admin }), ctx({}))
    ).json();
    expect(byName.clientes.map((c: { cedula: string }) => c.cedula)).toEqual([cedula]);
    const all = await (await listClients(request("/clientes/?limite=100", { key: admin }), ctx({}))).json();
    expect(all.total).toBe(await t.db.client.count());
    expect(all.busqueda).toBeNull();
    const values = all.clientes.map((c: { valor_total_compras: number }) => c.valor_total_compras);
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    const one = await (await listClients(request("/clientes/?limite=1", { key: admin }), ctx({}))).json();
    expect(one.clientes).toHaveLength(1);
    expect(one.total).toBe(all.total);
    const tooMany = await listClients(request("/clientes/?limite=101", { key: admin }), ctx({}));
    expect(tooMany.status).toBe(400);
  });

  it("GET /clientes/{cedula}: {cliente: {...}} with the previous fields; 404 «Cliente no encontrado»", async () => {
    const res = await getClient(request(`/clientes/${cedula}`, { key: admin }), ctx({ cedula }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body.cliente)).toEqual(expect.arrayContaining(CLIENT_FIELDS));
    expect(body.cliente).toMatchObject({ cedula, total_compras: 1, valor_total_compras: sale.venta.total });
    expect(body.historial.map((o: { id: number }) => o.id)).toEqual([sale.venta.id]);
    expect(body.historial[0].productos.map((l: { producto_id: number }) => l.producto_id)).toEqual([
      imported.id,
      ours.id,
    ]);
    const missing = await getClient(request("/clientes/99999999", { key: admin }), ctx({ cedula: "99999999" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe("Cliente no encontrado");
  });

  it("POST /productos/ with the previous body (no sku): an upsert on the exact nombre that reactivates", async () => {
    const body = { nombre: "Careta para soldar fotosensible", descripcion: "DIN 9-13", precio: 45_000, stock: 4 };
    const post = (extra: Record<string, unknown>) =>
      postProduct(request("/productos/", { method: "POST", key: admin, body: { ...body, ...extra } }), ctx({}));
    const created = await post({ categoria: "Soldadura" });
    expect(created.status).toBe(201);
    const first = await created.json();
    expect(first).toMatchObject({ nombre: body.nombre, precio: 45_000, stock: 4, activo: true });
    // a SKU the shop never chose: customers are shown the name instead
    expect(await t.db.product.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ skuInternal: true });
    await t.db.product.update({ where: { id: first.id }, data: { active: false } });
    const again = await post({ categoria: "Soldadura", precio: 47_000, stock: 6 });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, sku: first.sku, precio: 47_000, stock: 6, activo: true });
    expect(await t.db.product.count({ where: { name: body.nombre } })).toBe(1);
    const hidden = await post({ nombre: "Careta sin exhibir", categoria: "Soldadura", activo: false });
    expect(hidden.status).toBe(201);
    expect((await hidden.json()).activo).toBe(false);
  });
});
