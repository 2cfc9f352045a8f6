import { z } from "zod";
import { env } from "@/lib/env";
import * as requests from "@/lib/legacy-api/requests";
import * as saleRows from "@/lib/legacy-api/sale-rows";
import * as shapes from "@/lib/legacy-api/shapes";

// The OpenAPI 3.0 document of the previous system's REST API, generated from the same zod schemas that
// validate requests and describe responses.
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (schema: unknown) => ({ "application/json": { schema } });
const ok = (description: string, schema: unknown) => ({ description, content: jsonContent(schema) });
const list = (id: string) => ok(`Lista (el total va en la cabecera X-Total-Count)`, { type: "array", items: ref(id) });
const errors = {
  "400": ok("Datos inválidos", ref("Error")),
  "401": ok("Sin credenciales", ref("Error")),
  "403": ok("Sin permiso", ref("Error")),
  "404": ok("No existe", ref("Error")),
  "429": ok("Demasiadas solicitudes (cabecera Retry-After)", ref("Error")),
};
const query = (name: string, description: string, type = "string") => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type },
});
const pathParam = (name: string, type = "string") => ({ name, in: "path", required: true, schema: { type } });
const paging = [
  query("limit", "Máximo de elementos (1–1000, por defecto 100)", "integer"),
  query("offset", "Desde qué elemento", "integer"),
];
const body = (id: string) => ({ required: true, content: jsonContent(ref(id)) });
const file = (type: string) => ({
  description: "Archivo",
  content: { [type]: { schema: { type: "string", format: "binary" } } },
});

function op(
  permission: string,
  summary: string,
  responses: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    summary,
    description: `Permiso requerido: \`${permission}\`.`,
    responses: { ...responses, ...errors },
    ...extra,
  };
}

const exportParams = [
  query("desde", "Día inicial AAAA-MM-DD (hora de Colombia)"),
  query("hasta", "Día final AAAA-MM-DD, inclusive"),
  query("estado", "Estado (ventas/conversaciones: estado de la venta; inventario: activo|inactivo|agotado)"),
  query("separador", "`,` (por defecto) o `;` (Excel en español)"),
  query("bom", "true para anteponer BOM UTF-8 (por defecto con `;`)"),
  query("descargar", "true: el archivo mismo; si no, el JSON del sistema anterior (download_url, expires_at)"),
];

export function openApiDocument() {
  void requests;
  void shapes;
  void saleRows;
  const generated = z.toJSONSchema(z.globalRegistry, {
    target: "openapi-3.0",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
    io: "input",
  });
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $id: _, ...rest } = schema as Record<string, unknown>;
    schemas[id] = rest;
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Sextinvalle — API REST (compatible con el sistema anterior)",
      version: env().APP_VERSION ?? "0.1.0",
      description:
        "Autenticación: `Authorization: Bearer svk_…` (clave API) o sesión del personal. Dinero en pesos enteros (COP). " +
        "Las rutas aceptan la barra final (`/productos/` y `/productos`). Errores: `{error:{code,message,fields?}}`.",
    },
    components: {
      securitySchemes: { claveApi: { type: "http", scheme: "bearer", description: "Clave API svk_…" } },
      schemas,
    },
    security: [{ claveApi: [] }],
    paths: {
      "/productos/": {
        get: op(
          "inventory:read",
          "Lista productos",
          { "200": list("Producto") },
          {
            parameters: [
              ...paging,
              query("q", "Búsqueda"),
              query("categoria", "Categoría"),
              query("activo", "true|false"),
            ],
          },
        ),
        post: op(
          "inventory:write",
          "Crea un producto",
          { "201": ok("Creado", ref("Producto")), "409": ok("SKU repetido", ref("Error")) },
          { requestBody: body("ProductoNuevo") },
        ),
      },
      "/productos/{id}": {
        parameters: [pathParam("id", "integer")],
        get: op("inventory:read", "Un producto", { "200": ok("Producto", ref("Producto")) }),
        put: op(
          "inventory:write",
          "Modifica un producto (campos parciales; `stock` registra un ajuste)",
          { "200": ok("Producto", ref("Producto")) },
          { requestBody: body("ProductoCambios") },
        ),
        delete: op("inventory:write", "Desactiva un producto", { "200": ok("Desactivado", { type: "object" }) }),
      },
      "/productos/reemplazar_csv": {
        post: op(
          "inventory:write",
          "Reemplaza el catálogo desde un CSV (los productos ausentes se desactivan)",
          { "200": ok("Resumen", { type: "object" }) },
          {
            requestBody: {
              required: true,
              content: {
                "multipart/form-data": {
                  schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
                },
                "text/csv": { schema: { type: "string" } },
              },
            },
          },
        ),
      },
      "/clientes/": {
        get: op(
          "clients:read",
          "Lista clientes, los de mayor valor de compras primero: `{clientes, total, busqueda}` (el total también en X-Total-Count). `total_compras` es el número de compras y `valor_total_compras` su valor, como en el sistema anterior",
          { "200": ok("Clientes", ref("ClientesLista")) },
          {
            parameters: [
              ...paging,
              query("limite", "Máximo de clientes (1–100; nombre del sistema anterior para limit)", "integer"),
              query("busqueda", "Cédula, nombre o teléfono (nombre del sistema anterior para q)"),
              query("q", "Cédula, nombre o teléfono"),
            ],
          },
        ),
      },
      "/clientes/{cedula}": {
        parameters: [pathParam("cedula")],
        get: op("clients:read", "Un cliente `{cliente}` y sus pedidos (`historial`)", {
          "200": ok("Cliente", ref("ClienteDetalle")),
        }),
      },
      "/ventas/": {
        get: op(
          "orders:read",
          "Ventas cerradas",
          { "200": list("Venta") },
          { parameters: [...paging, query("desde", "AAAA-MM-DD"), query("hasta", "AAAA-MM-DD")] },
        ),
      },
      "/venta/": {
        get: op(
          "orders:read",
          "Líneas vendidas (una fila `ventas` del sistema anterior por producto de cada venta cerrada), la más reciente primero",
          { "200": list("VentaFila") },
          { parameters: paging },
        ),
        post: op(
          "orders:write",
          "Registra una venta cerrada. Los precios son los de la base de datos; si `total` no coincide responde 409 `total_no_coincide` y no escribe nada.",
          {
            "201": ok("Venta registrada", {
              type: "object",
              properties: {
                success: { type: "boolean" },
                message: { type: "string" },
                ventas_creadas: {
                  type: "array",
                  description: "Una fila por línea: venta_id (la línea, GET /venta/{id}), pedido_id, producto_id…",
                  items: { type: "object" },
                },
                total_general: { type: "integer" },
                chat_id: { type: "string" },
                cliente: { type: "object", nullable: true },
                ok: { type: "boolean" },
                mensaje: { type: "string" },
                venta: ref("Venta"),
              },
            }),
            "409": ok("Total no coincide o stock insuficiente", ref("Error")),
          },
          { requestBody: body("VentaNueva") },
        ),
      },
      "/venta/{id}": {
        parameters: [pathParam("id", "integer")],
        get: op("orders:read", "Una línea vendida (el `venta_id` de POST /venta/)", {
          "200": ok("Línea", ref("VentaFila")),
        }),
      },
      "/venta/historial/{chat_id}": {
        parameters: [pathParam("chat_id")],
        get: op("orders:read", "Las líneas vendidas de un chat", { "200": list("VentaFila") }, { parameters: paging }),
      },
      "/pedidos/": {
        get: op(
          "orders:read",
          "Pedidos (abiertos por defecto)",
          { "200": list("Venta") },
          { parameters: [...paging, query("estado", "Estado")] },
        ),
      },
      "/pedidos/{chat_id}/estado": {
        parameters: [pathParam("chat_id")],
        put: op(
          "orders:write",
          "Cambia el estado del pedido abierto del chat",
          { "200": ok("Pedido", { type: "object", properties: { ok: { type: "boolean" }, pedido: ref("Venta") } }) },
          { requestBody: body("CambioEstado") },
        ),
      },
      ...Object.fromEntries(
        ["inventario", "clientes", "ventas", "conversaciones-rag"].map((d) => [
          `/exportar/${d}`,
          {
            get: op(
              "exports:create",
              `Exporta ${d} en CSV (máximo 5 exportaciones cada 5 minutos). Responde el JSON del sistema anterior (file_name, file_size, download_url, expires_at); con descargar=true, el archivo`,
              { "200": file("text/csv") },
              { parameters: exportParams },
            ),
          },
        ]),
      ),
      "/exportar/reporte-completo": {
        get: op(
          "exports:create",
          "Reporte completo: un libro XLSX con resumen y una hoja por conjunto de datos",
          { "200": file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") },
          { parameters: exportParams.slice(0, 3) },
        ),
      },
      "/files/exports/{filename}": {
        parameters: [pathParam("filename")],
        get: op("exports:read", "Descarga una exportación generada en la consola", {
          "200": file("application/octet-stream"),
        }),
      },
      "/files/storage/info": {
        get: op("exports:read", "Almacenamiento usado", { "200": ok("Información", { type: "object" }) }),
      },
      "/chat-control/sistema/toggle": {
        get: op("conversations:read", "Estado del asesor virtual global", { "200": ok("Estado", { type: "object" }) }),
        post: op(
          "bot:global-toggle",
          "Enciende/apaga el asesor virtual para todos (`{}` alterna; un cuerpo vacío se rechaza)",
          { "200": ok("Estado", { type: "object" }) },
          { requestBody: { required: true, content: jsonContent(ref("Interruptor")) } },
        ),
      },
      "/chat-control/conversacion/{id}/toggle": {
        parameters: [pathParam("id")],
        post: op(
          "conversations:takeover",
          "Pasa un chat a un asesor o lo devuelve al bot (`{}` alterna; un cuerpo vacío se rechaza)",
          { "200": ok("Estado", { type: "object" }) },
          { requestBody: { required: true, content: jsonContent(ref("Interruptor")) } },
        ),
      },
      "/chat-control/debe-responder/{id}": {
        parameters: [pathParam("id")],
        get: op("conversations:read", "¿Debe responder el bot en este chat?", {
          "200": ok("Decisión", { type: "object" }),
        }),
      },
      "/chat-control/estadisticas": {
        get: op("conversations:read", "Estadísticas del control de chat", {
          "200": ok("Estadísticas", { type: "object" }),
        }),
      },
      "/logs/": {
        get: op(
          "audit:read",
          "Registro de auditoría",
          { "200": list("RegistroAuditoria") },
          { parameters: [...paging, query("accion", "Prefijo de acción"), query("entidad", "Tipo de entidad")] },
        ),
      },
    },
  };
}
