import { listSaleLines } from "@/lib/db/legacy-sale-lines";
import { readJson, readQuery } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { ventaBody, ventaLineasQuery } from "@/lib/legacy-api/requests";
import { listJson } from "@/lib/legacy-api/respond";
import { toVentaFila } from "@/lib/legacy-api/sale-rows";
import { registerLegacySale } from "@/lib/legacy-api/sales";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: GET /venta/ — the previous `[VentaOut]`: one row per sold line, newest first (paged here).
export const GET = guardedRoute("orders:read", async ({ req }) => {
  const page = readQuery(req.nextUrl, ventaLineasQuery);
  const { rows, total } = await listSaleLines(page);
  return listJson(rows.map(toVentaFila), total);
});

// Legacy API: POST /venta/ — registers a closed sale (server prices; a mismatched total writes nothing).
export const POST = guardedRoute("orders:write", async ({ req, principal, requestId }) => {
  const body = await readJson(req, ventaBody);
  const order = await registerLegacySale(body, principal, requestId);
  const venta = toVenta(order);
  return json(
    {
      // the previous system's answer: one row per line, `venta_id` being what GET /venta/{id} answers…
      success: true,
      message: `Venta ${order.number} registrada.`,
      ventas_creadas: order.lines.map((l) => ({
        venta_id: l.id,
        producto_id: l.product?.legacyId ?? l.productId, // the id /productos shows
        producto_nombre: l.name,
        cantidad: l.quantity,
        precio_unitario: l.unitPrice,
        total: l.subtotal,
        pedido_id: order.id, // ours
      })),
      total_general: venta.total,
      chat_id: venta.chat_id,
      cliente: venta.cliente_cedula
        ? { cedula: venta.cliente_cedula, nombre: venta.cliente_nombre, telefono: venta.cliente_telefono }
        : null,
      // …and ours
      ok: true,
      mensaje: `Venta ${order.number} registrada.`,
      venta,
    },
    { status: 201 },
  );
});
