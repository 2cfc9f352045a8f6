import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHistory } from "@/app/chat/historial/[chat_id]/route";
import { GET as listClients } from "@/app/clientes/route";
import { GET as exportar } from "@/app/exportar/[dataset]/route";
import { GET as downloadLocal } from "@/app/files/local/[...key]/route";
import { GET as getProduct } from "@/app/productos/[id]/route";
import { POST as replaceCsv } from "@/app/productos/reemplazar_csv/route";
import { GET as listProducts } from "@/app/productos/route";
import { POST as postSale } from "@/app/venta/route";
import { resetEnvCache } from "@/lib/env";
import { ownerHeaders, runDialog, sendTexto } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor, ctx, parseCsv, request } from "../exports/helpers";

// The previous system's clients read these field names and values (../shared/reference/previous-system/
// CONTRACT.md). We may add fields, never rename or drop one; deliberate differences are in
// docs/legacy-differences.md.
const REAL_CSV = path.resolve(import.meta.dirname, "../../../shared/reference/previous-system/productos-reales.csv");
const ENVELOPE = ["status", "message", "timestamp", "request_id"];

describe.each(FLAVOURS)("previous system's contract on %s", (flavour) => {
  let t: TestDatabase;
  let admin: string;
  const storageDir = mkdtempSync(path.join(tmpdir(), "legacy-contract-"));
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = storageDir;
    resetEnvCache();
    admin = await apiKeyFor("admin");
  });
  afterAll(async () => {
    rmSync(storageDir, { recursive: true, force: true });
    await t.drop();
  });

  it("POST /chat/texto: tipo_mensaje in the previous vocabulary (contexto reads general)", async () => {
    const [place] = await runDialog(["dónde están ubicados"], `contrato-lugar-${flavour}`);
    expect(Object.keys(place ?? {})).toEqual(
      expect.arrayContaining([...ENVELOPE, "respuesta", "tipo_mensaje", "chat_id", "metadatos", "sugerencias"]),
    );
    expect(place).toMatchObject({ status: "success", tipo_mensaje: "general", intencion: "contexto" });
    expect(place?.message).toBe("Respuesta generada correctamente");
    const [stock] = await runDialog(["¿tienen guantes de nitrilo?"], `contrato-stock-${flavour}`);
    expect(stock?.tipo_mensaje).toBe("inventario");
    const vocabulary = ["saludo", "inventario", "venta", "cliente", "despedida", "general", "error"];
    expect(vocabulary).toContain(stock?.tipo_mensaje);
  });

  it("POST /chat/texto with the bot paused: 200, tipo_mensaje error, metadatos {ia_desactivada, razon}", async () => {
    await t.db.setting.create({ data: { key: "bot.global", value: JSON.stringify({ enabled: false }) } });
    try {
      const paused = await sendTexto({ mensaje: "¿tienen cascos?" });
      expect(paused.status).toBe(200);
      expect(paused.body.tipo_mensaje).toBe("error");
      expect(paused.body.metadatos).toMatchObject({ ia_desactivada: true, razon: "El asesor virtual está en pausa" });
    } finally {
      await t.db.setting.delete({ where: { key: "bot.global" } });
    }
  });

  it("GET /chat/historial/{id}: the ListResponse envelope, oldest first, limite respected", async () => {
    const chatId = `contrato-historial-${flavour}`;
    await runDialog(["hola", "¿tienen botas?"], chatId);
    const call = (query = "") =>
      getHistory(
        new NextRequest(`http://localhost/chat/historial/${chatId}${query}`, { headers: ownerHeaders(chatId) }),
        {
          params: Promise.resolve({ chat_id: chatId }),
        },
      );
    const body = await (await call()).json();
    expect(body).toMatchObject({ status: "success", total: 4, page: null, page_size: null });
    expect(body.metadata).toEqual({ chat_id: chatId, limite: 50 });
    expect(body.message).toBe("Historial obtenido correctamente: 4 mensajes");
    expect(body.data.map((m: { remitente: string }) => m.remitente)).toEqual([
      "usuario",
      "agente",
      "usuario",
      "agente",
    ]);
    expect(Object.keys(body.data[0]).sort()).toEqual(
      ["estado_venta", "id", "mensaje", "metadatos", "remitente", "timestamp", "tipo_mensaje"].sort(),
    );
    const last = await (await call("?limite=2")).json();
    expect(last.total).toBe(2);
    expect(last.data.map((m: { mensaje: string }) => m.mensaje)[0]).toBe("¿tienen botas?");
    const bad = await call("?limite=0");
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/limite/);
  });

  it("GET /exportar/*: a FileResponse whose download_url serves the file until expires_at", async () => {
    const res = await exportar(request("/exportar/inventario", { key: admin }), ctx({ dataset: "inventario" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "success" });
    for (const field of [...ENVELOPE, "file_path", "file_name", "file_size", "download_url", "expires_at"]) {
      expect(body, field).toHaveProperty(field);
    }
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now());
    const url = new URL(body.download_url, "http://localhost");
    const key = url.pathname.replace(/^\/files\/local\//, "").split("/");
    const file = await downloadLocal(new NextRequest(url), ctx({ key }));
    expect(file.status).toBe(200);
    const rows = parseCsv(await file.text(), ",");
    expect(rows.length - 1).toBe(await t.db.product.count());
    expect(body.file_size).toBeGreaterThan(0);

    const rag = await exportar(
      request("/exportar/conversaciones-rag", { key: admin }),
      ctx({ dataset: "conversaciones-rag" }),
    );
    const conversations = await rag.json();
    expect(conversations).toMatchObject({ success: true });
    expect(conversations.total_conversaciones).toBe(Math.min(100, await t.db.message.count()));
    expect(Object.keys(conversations.conversaciones[0]).sort()).toEqual(
      ["chat_id", "estado_venta", "id", "mensaje", "remitente", "timestamp", "tipo_mensaje"].sort(),
    );
    const ids = conversations.conversaciones.map((c: { id: number }) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first

    const badDate = await exportar(
      request("/exportar/ventas?fecha_desde=27-05-2025", { key: admin }),
      ctx({ dataset: "ventas" }),
    );
    expect(badDate.status).toBe(400);
    expect((await badDate.json()).detail).toMatch(/Formato de fecha_desde inválido\. Use YYYY-MM-DD/);
  });

  it("POST /productos/reemplazar_csv: {success, message, estadisticas} and the previous semantics", async () => {
    const csv = readFileSync(REAL_CSV);
    const post = () =>
      replaceCsv(
        request("/productos/reemplazar_csv", {
          method: "POST",
          key: admin,
          body: csv.toString("utf8"),
          headers: { "content-type": "text/csv" },
        }),
        ctx({}),
      );
    const activeBefore = await t.db.product.count({ where: { active: true } });
    const res = await post();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      success: true,
      message: "✅ Inventario actualizado correctamente",
      estadisticas: { productos_creados: 97, productos_actualizados: 0, productos_desactivados: activeBefore },
    });
    expect(body.ok).toBe(true); // ours, kept
    const extintor = await t.db.product.findUniqueOrThrow({ where: { legacyId: 18 } });
    expect(extintor).toMatchObject({ sku: "SV-0018", skuInternal: true, category: "Sin categoría", active: true });
    const again = await (await post()).json();
    expect(again.estadisticas).toMatchObject({
      productos_creados: 0,
      productos_actualizados: 0,
      productos_desactivados: 0,
    });
    const empty = await replaceCsv(
      request("/productos/reemplazar_csv", {
        method: "POST",
        key: admin,
        body: "",
        headers: { "content-type": "text/csv" },
      }),
      ctx({}),
    );
    expect(empty.status).toBe(400);
    expect((await empty.json()).detail).toMatch(/vacío/);
  });

  it("REST after the real catalogue: products by their old id, /venta/'s answer, the client's old field names", async () => {
    // runs after the reemplazar_csv test above: ids 18–114 are the previous system's
    const one = await getProduct(request("/productos/18", { key: admin }), ctx({ id: "18" }));
    expect(await one.json()).toMatchObject({ id: 18, nombre: "Extintor PQS 6kg", precio: 95_000, activo: true });
    const list = await (await listProducts(request("/productos/?limit=500", { key: admin }), ctx({}))).json();
    const fields = ["nombre", "descripcion", "precio", "stock", "categoria", "activo", "id", "fecha_actualizacion"];
    expect(Object.keys(list[0])).toEqual(expect.arrayContaining(fields));
    expect(list.map((p: { id: number }) => p.id)).toEqual(expect.arrayContaining([18, 19, 114]));

    const sale = await postSale(
      request("/venta/", {
        method: "POST",
        key: admin,
        body: {
          chat_id: `contrato-venta-${flavour}`,
          productos: [{ producto_id: 19, cantidad: 2 }],
          total: 300_000,
          cliente_cedula: "31456780",
          cliente_nombre: "Rosa Cifuentes",
          cliente_telefono: "3155550101",
        },
      }),
      ctx({}),
    );
    expect(sale.status).toBe(201);
    const body = await sale.json();
    expect(body).toMatchObject({
      success: true,
      total_general: 300_000,
      chat_id: `contrato-venta-${flavour}`,
      cliente: { cedula: "31456780", nombre: "Rosa Cifuentes", telefono: "3155550101" },
    });
    expect(body.ventas_creadas).toEqual([
      expect.objectContaining({
        producto_id: 19, // the previous system's id, as /productos shows it
        producto_nombre: "Extintor CO2 5lb",
        cantidad: 2,
        precio_unitario: 150_000,
        total: 300_000,
      }),
    ]);
    expect((await t.db.product.findUniqueOrThrow({ where: { legacyId: 19 } })).stock).toBe(10);

    // the shop never chose SV- codes: customers read names, in answers and in suggested replies alike
    const [answer] = await runDialog(["¿qué extintores tienen?"], `contrato-sku-${flavour}`);
    expect(answer?.respuesta).toContain("Extintor PQS 6kg");
    expect(`${answer?.respuesta} ${answer?.sugerencias.join(" ")}`).not.toMatch(/SV-\d{4}/);
    expect(answer?.metadatos.productos[0]).toMatchObject({ sku_interno: true });

    const { clientes } = await (
      await listClients(request("/clientes/?busqueda=31456780", { key: admin }), ctx({}))
    ).json();
    expect(clientes[0]).toMatchObject({
      cedula: "31456780",
      nombre_completo: "Rosa Cifuentes",
      total_compras: 1,
      valor_total_compras: 300_000,
    });
    expect(Object.keys(clientes[0])).toEqual(
      expect.arrayContaining(["correo", "barrio", "fecha_registro", "fecha_ultima_compra", "notas"]),
    );
  });
});
