import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { POST as toggleConversation } from "@/app/chat-control/conversacion/[id]/toggle/route";
import { GET as shouldRespond } from "@/app/chat-control/debe-responder/[id]/route";
import { GET as stats } from "@/app/chat-control/estadisticas/route";
import { GET as globalStatus, POST as toggleGlobal } from "@/app/chat-control/sistema/toggle/route";
import { GET as getClient } from "@/app/clientes/[cedula]/route";
import { GET as listClients } from "@/app/clientes/route";
import { GET as exportar } from "@/app/exportar/[dataset]/route";
import { GET as logs } from "@/app/logs/route";
import { PUT as setOrderState } from "@/app/pedidos/[chat_id]/estado/route";
import { GET as listOrders } from "@/app/pedidos/route";
import { DELETE as deleteProduct, GET as getProduct, PUT as putProduct } from "@/app/productos/[id]/route";
import { POST as replaceCsv } from "@/app/productos/reemplazar_csv/route";
import { GET as listProducts, POST as postProduct } from "@/app/productos/route";
import { POST as postSale } from "@/app/venta/route";
import { GET as listSales } from "@/app/ventas/route";
import type { Role } from "@/lib/auth/permissions";
import { eventBus } from "@/lib/realtime/bus";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, parseCsv, request } from "../exports/helpers";

// The previous system's REST API, called with API keys of each role, on SQLite and PostgreSQL.
describe.each(FLAVOURS)("legacy REST API on %s", (flavour) => {
  let t: TestDatabase;
  const keys = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    for (const role of ["admin", "ventas", "gerente"] as const) keys[role] = await apiKeyFor(role);
  });
  afterAll(async () => t.drop());

  it("lists products for every role and refuses anonymous callers", async () => {
    for (const role of ["admin", "ventas", "gerente"] as const) {
      const r = await listProducts(request("/productos/?limit=5", { key: keys[role] }), ctx({}));
      expect(r.status).toBe(200);
      const items = await r.json();
      expect(items).toHaveLength(5);
      expect(Object.keys(items[0]).sort()).toEqual(
        [
          "activo",
          "categoria",
          "descripcion",
          "fecha_actualizacion",
          "id",
          "marca",
          "nombre",
          "norma",
          "precio",
          "sku",
          "stock",
          "unidad",
        ].sort(),
      );
      expect(Number(r.headers.get("x-total-count"))).toBe(await t.db.product.count());
    }
    const anon = await listProducts(request("/productos/"), ctx({}));
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.message).toMatch(/iniciar sesión/);
    const bad = await listProducts(request("/productos/?limit=abc", { key: keys.admin }), ctx({}));
    expect(bad.status).toBe(400);
  });

  it("creates, updates (price, stock) and deactivates products with the console's rules", async () => {
    const body = { sku: "API-001", nombre: "Guante API", precio: 12_500, categoria: "Guantes", stock: 10 };
    expect(
      (await postProduct(request("/productos/", { method: "POST", key: keys.gerente, body }), ctx({}))).status,
    ).toBe(403);
    const created = await postProduct(request("/productos/", { method: "POST", key: keys.ventas, body }), ctx({}));
    expect(created.status).toBe(201);
    const producto = await created.json();
    expect(producto).toMatchObject({ sku: "API-001", nombre: "Guante API", precio: 12_500, stock: 10, activo: true });
    const dup = await postProduct(request("/productos/", { method: "POST", key: keys.ventas, body }), ctx({}));
    expect(dup.status).toBe(409);
    const invalid = await postProduct(
      request("/productos/", { method: "POST", key: keys.ventas, body: { ...body, sku: "X-2", precio: -5 } }),
      ctx({}),
    );
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fields.precio).toBeTruthy();

    const id = String(producto.id);
    const put = await putProduct(
      request(`/productos/${id}`, { method: "PUT", key: keys.ventas, body: { precio: 13_000, stock: 7 } }),
      ctx({ id }),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ precio: 13_000, stock: 7, nombre: "Guante API" });
    const movements = await t.db.stockMovement.findMany({ where: { productId: producto.id }, orderBy: { id: "asc" } });
    expect(movements.map((m) => m.delta)).toEqual([10, -3]);
    const del = await deleteProduct(request(`/productos/${id}`, { method: "DELETE", key: keys.ventas }), ctx({ id }));
    expect((await del.json()).producto.activo).toBe(false);
    const got = await getProduct(request(`/productos/${id}`, { key: keys.gerente }), ctx({ id }));
    expect((await got.json()).activo).toBe(false);
    expect((await getProduct(request("/productos/999999", { key: keys.admin }), ctx({ id: "999999" }))).status).toBe(
      404,
    );
    const audits = await t.db.auditLog.findMany({ where: { entityType: "product", entityId: id } });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["product.create", "product.update", "product.deactivate"]),
    );
  });

  it("registers a sale at database prices and rejects a mismatched total without writing anything", async () => {
    const casco = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const ordersBefore = await t.db.order.count();
    const sale = (total: number, precio = casco.price) => ({
      chat_id: "legacy-chat-1",
      productos: [{ producto_id: casco.id, cantidad: 2, precio_unitario: precio }],
      total,
      cliente_cedula: "1144556677",
      cliente_nombre: "Marta Ruiz",
      cliente_telefono: "3105551234",
    });
    const wrong = await postSale(
      request("/venta/", { method: "POST", key: keys.ventas, body: sale(casco.price * 2 - 1000, casco.price - 500) }),
      ctx({}),
    );
    expect(wrong.status).toBe(409);
    const error = (await wrong.json()).error;
    expect(error.code).toBe("total_no_coincide");
    expect(error.fields.total).toContain(String(casco.price * 2));
    expect(await t.db.order.count()).toBe(ordersBefore);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: casco.id } })).stock).toBe(casco.stock);

    expect(
      (await postSale(request("/venta/", { method: "POST", key: keys.gerente, body: sale(casco.price * 2) }), ctx({})))
        .status,
    ).toBe(403);
    const ok = await postSale(
      request("/venta/", { method: "POST", key: keys.ventas, body: sale(casco.price * 2) }),
      ctx({}),
    );
    expect(ok.status).toBe(201);
    const { venta } = await ok.json();
    expect(venta).toMatchObject({
      estado: "cerrada",
      total: casco.price * 2,
      chat_id: "legacy-chat-1",
      cliente_cedula: "1144556677",
    });
    expect(venta.productos[0]).toMatchObject({ producto_id: casco.id, cantidad: 2, precio_unitario: casco.price });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: casco.id } })).stock).toBe(casco.stock - 2);

    const missingClient = await postSale(
      request("/venta/", {
        method: "POST",
        key: keys.ventas,
        body: { ...sale(casco.price * 2), cliente_cedula: undefined },
      }),
      ctx({}),
    );
    expect(missingClient.status).toBe(400);

    const sales = await (await listSales(request("/ventas/?limit=1000", { key: keys.gerente }), ctx({}))).json();
    expect(sales.map((s: { id: number }) => s.id)).toContain(venta.id);
    const client = await getClient(
      request("/clientes/1144556677", { key: keys.gerente }),
      ctx({ cedula: "1144556677" }),
    );
    const { cliente, historial } = await client.json();
    expect(cliente).toMatchObject({
      cedula: "1144556677",
      nombre: "Marta Ruiz",
      numero_compras: 1,
      total_compras: 1,
      valor_total_compras: casco.price * 2,
    });
    expect(historial[0].numero).toBe(venta.numero);
    const clients = await listClients(request("/clientes/?q=1144556677", { key: keys.ventas }), ctx({}));
    expect((await clients.json()).clientes[0].cedula).toBe("1144556677");
  });

  it("moves and cancels the open order of a chat", async () => {
    const conversation = await t.db.conversation.create({ data: { chatId: "legacy-open-1" } });
    const product = await t.db.product.findFirstOrThrow({ where: { active: true } });
    const order = await t.db.order.create({
      data: {
        number: "TMP-LEGACY-1",
        conversationId: conversation.id,
        state: "iniciada",
        total: product.price,
        lines: {
          create: [
            {
              productId: product.id,
              sku: product.sku,
              name: product.name,
              quantity: 1,
              unitPrice: product.price,
              subtotal: product.price,
            },
          ],
        },
      },
    });
    const open = await (await listOrders(request("/pedidos/", { key: keys.ventas }), ctx({}))).json();
    expect(open.map((o: { id: number }) => o.id)).toContain(order.id);
    const put = (estado: string, key = keys.ventas) =>
      setOrderState(
        request("/pedidos/legacy-open-1/estado", { method: "PUT", key, body: { estado } }),
        ctx({ chat_id: "legacy-open-1" }),
      );
    expect((await put("pendiente", keys.gerente)).status).toBe(403);
    expect((await put("volando")).status).toBe(400);
    const moved = await put("pendiente");
    expect((await moved.json()).pedido.estado).toBe("pendiente");
    const cancelled = await put("cancelada");
    expect((await cancelled.json()).pedido.estado).toBe("cancelada");
    expect((await put("pendiente")).status).toBe(404);
  });

  it("switches the bot globally and per chat, and answers whether to respond", async () => {
    await t.db.conversation.create({ data: { chatId: "legacy-bot-1" } });
    const respond = async () =>
      (
        await shouldRespond(
          request("/chat-control/debe-responder/legacy-bot-1", { key: keys.ventas }),
          ctx({ id: "legacy-bot-1" }),
        )
      ).json();
    expect((await respond()).debe_responder).toBe(true);

    const heard: unknown[] = [];
    const unsubscribe = eventBus().subscribe((event) => {
      if (event.type === "conversation" && event.chatId === "legacy-bot-1") heard.push(event.botEnabled);
    });
    const conv = await toggleConversation(
      request("/chat-control/conversacion/legacy-bot-1/toggle", { method: "POST", key: keys.ventas, body: {} }),
      ctx({ id: "legacy-bot-1" }),
    );
    expect(await conv.json()).toEqual({ chat_id: "legacy-bot-1", bot_activo: false });
    // the customer's WebSocket listens on the bus for the takeover
    await vi.waitFor(() => expect(heard).toEqual([false]));
    unsubscribe();
    expect((await respond()).debe_responder).toBe(false);
    await toggleConversation(
      request("/chat-control/conversacion/legacy-bot-1/toggle", {
        method: "POST",
        key: keys.ventas,
        body: { activo: true },
      }),
      ctx({ id: "legacy-bot-1" }),
    );
    expect((await respond()).debe_responder).toBe(true);

    expect(
      (
        await toggleGlobal(
          request("/chat-control/sistema/toggle", { method: "POST", key: keys.ventas, body: { activo: false } }),
          ctx({}),
        )
      ).status,
    ).toBe(403);
    const off = await toggleGlobal(
      request("/chat-control/sistema/toggle", {
        method: "POST",
        key: keys.admin,
        body: { activo: false, motivo: "Mantenimiento" },
      }),
      ctx({}),
    );
    expect(await off.json()).toMatchObject({ bot_activo: false, motivo: "Mantenimiento" });
    expect(await respond()).toMatchObject({ debe_responder: false, bot_global_activo: false });
    expect(
      (await (await globalStatus(request("/chat-control/sistema/toggle", { key: keys.gerente }), ctx({}))).json())
        .bot_activo,
    ).toBe(false);
    const s = await (await stats(request("/chat-control/estadisticas", { key: keys.gerente }), ctx({}))).json();
    expect(s).toMatchObject({ bot_global_activo: false, conversaciones_total: await t.db.conversation.count() });
    await toggleGlobal(request("/chat-control/sistema/toggle", { method: "POST", key: keys.admin, body: {} }), ctx({}));
    expect((await respond()).debe_responder).toBe(true);
  });

  it("serves the audit log to managers and admins only", async () => {
    expect((await logs(request("/logs/", { key: keys.ventas }), ctx({}))).status).toBe(403);
    const r = await logs(request("/logs/?accion=bot.&limit=10", { key: keys.gerente }), ctx({}));
    const entries = await r.json();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e: { accion: string }) => e.accion.startsWith("bot."))).toBe(true);
  });

  it("exports CSV for managers, with the Excel options", async () => {
    expect((await exportar(request("/exportar/ventas", { key: keys.ventas }), ctx({ dataset: "ventas" }))).status).toBe(
      403,
    );
    const r = await exportar(
      request("/exportar/ventas?separador=;&descargar=true", { key: keys.gerente }),
      ctx({ dataset: "ventas" }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toMatch(/ventas_\d{4}-\d{2}-\d{2}\.csv/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8"), ";");
    expect(rows.length - 1).toBe(await t.db.orderLine.count());
    const rag = await exportar(
      request("/exportar/conversaciones-rag?descargar=true", { key: keys.admin }),
      ctx({ dataset: "conversaciones-rag" }),
    );
    expect(parseCsv(await rag.text(), ",").length - 1).toBe(await t.db.message.count());
    expect(
      (await exportar(request("/exportar/usuarios", { key: keys.admin }), ctx({ dataset: "usuarios" }))).status,
    ).toBe(404);
  });

  it("replaces the catalogue from a CSV through the console's importer", async () => {
    const csv =
      "sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos\nCSV-1,Tapabocas N95,Respiratoria,3M,4500,100,unidad,,Caja,\nCAB-001,Casco dieléctrico,Cabeza,MSA,39000,20,unidad,,,\n";
    expect(
      (
        await replaceCsv(
          request("/productos/reemplazar_csv", {
            method: "POST",
            key: keys.gerente,
            body: csv,
            headers: { "content-type": "text/csv" },
          }),
          ctx({}),
        )
      ).status,
    ).toBe(403);
    const r = await replaceCsv(
      request("/productos/reemplazar_csv", {
        method: "POST",
        key: keys.ventas,
        body: csv,
        headers: { "content-type": "text/csv" },
      }),
      ctx({}),
    );
    expect(r.status).toBe(200);
    const summary = await r.json();
    expect(summary).toMatchObject({ ok: true, filas: 2, creados: 1 });
    expect(summary.desactivados).toBeGreaterThan(0);
    expect(await t.db.product.count({ where: { active: true } })).toBe(2);
    const broken = await replaceCsv(
      request("/productos/reemplazar_csv", {
        method: "POST",
        key: keys.ventas,
        body: "sku,nombre\nX,",
        headers: { "content-type": "text/csv" },
      }),
      ctx({}),
    );
    expect(broken.status).toBe(400);
  });

  it("documents every legacy path in the OpenAPI document", async () => {
    const doc = await (await openapi(request("/api/openapi.json"), ctx({}))).json();
    expect(doc.openapi).toBe("3.0.3");
    for (const p of [
      "/productos/",
      "/productos/{id}",
      "/venta/",
      "/venta/{id}",
      "/venta/historial/{chat_id}",
      "/clientes/{cedula}",
      "/pedidos/{chat_id}/estado",
      "/exportar/reporte-completo",
      "/chat-control/estadisticas",
      "/logs/",
    ]) {
      expect(doc.paths[p]).toBeTruthy();
    }
    expect(Object.keys(doc.components.schemas.Producto.properties)).toContain("precio");
    expect(Object.keys(doc.components.schemas.VentaFila.properties)).toEqual(
      expect.arrayContaining(["id", "producto_id", "cantidad", "total", "chat_id", "fecha", "estado", "detalle"]),
    );
    expect(Object.keys(doc.components.schemas.ClientesLista.properties)).toEqual(["clientes", "total", "busqueda"]);
    expect(doc.components.schemas.VentaNueva.required).toEqual(
      expect.arrayContaining(["chat_id", "productos", "total"]),
    );
  });
});
