import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { ventaBody } from "@/lib/legacy-api/requests";
import { registerLegacySale } from "@/lib/legacy-api/sales";
import { toVenta } from "@/lib/legacy-api/shapes";

// Legacy API: POST /venta/ — registers a closed sale (server prices; a mismatched total writes nothing).
export const POST = guardedRoute("orders:write", async ({ req, principal, requestId }) => {
  const body = await readJson(req, ventaBody);
  const order = await registerLegacySale(body, principal, requestId);
  const venta = toVenta(order);
  return json(
    {
      // the previous system's answer…
      success: true,
      message: `Venta ${order.number} registrada.`,
      ventas_creadas: venta.productos.map((l) => ({
        venta_id: venta.id,
        producto_id: l.producto_id,
        producto_nombre: l.nombre,
        cantidad: l.cantidad,
        precio_unitario: l.precio_unitario,
        total: l.subtotal,
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
