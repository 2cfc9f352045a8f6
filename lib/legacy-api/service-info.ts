import { chatModel, multimodalModel } from "@/lib/ai/providers";
import { db } from "@/lib/db/client";
import { databaseFlavour, env } from "@/lib/env";
import { rateLimitStore } from "@/lib/ratelimit";
import { storage } from "@/lib/storage";

// Service information and health for /info, /health and `GET /` with Accept: application/json.
const STARTED_AT = new Date();

/** The previous system's HealthResponse envelope; `status` keeps its vocabulary (success | warning | error). */
export function healthEnvelope(
  status: "success" | "warning" | "error",
  message: string,
  serviceName: string,
  requestId: string | null,
) {
  const config = env();
  const hosted = multimodalModel("audio", config);
  return {
    status,
    message,
    timestamp: new Date().toISOString(),
    request_id: requestId,
    service_name: serviceName,
    version: appVersion(),
    dependencies: {
      google_api_key: config.GOOGLE_GENERATIVE_AI_API_KEY ? "available" : "missing",
      audio_transcription: hosted ? "available" : "not_available",
    },
  };
}

function appVersion(): string {
  return env().APP_VERSION ?? process.env.npm_package_version ?? "0.1.0";
}

export function serviceInfo() {
  const config = env();
  const model = chatModel();
  return {
    // the previous system's /info fields (its `endpoints` named /ventas/, which never existed: the path is /venta/)
    name: "Sextinvalle — Agente Vendedor",
    version: appVersion(),
    description: "Asesor de ventas por chat, consola del personal y API REST compatible con el sistema anterior",
    features: ["chat", "websocket", "inventario", "clientes", "ventas", "pedidos", "exportaciones", "consola"],
    endpoints: {
      chat: "/chat/texto",
      historial: "/chat/historial/{chat_id}",
      websocket: "/ws/chat/{chat_id}",
      productos: "/productos/",
      clientes: "/clientes/",
      ventas: "/venta/",
      pedidos: "/pedidos/",
      exportar: "/exportar/{tipo}",
      salud: "/health",
      documentacion: "/api/openapi.json",
    },
    // ours
    servicio: "sextinvalle",
    descripcion: "Asesor de ventas y consola de Sextinvalle",
    commit: config.GIT_COMMIT ?? null,
    entorno: config.NODE_ENV,
    base_de_datos: databaseFlavour(),
    almacenamiento: config.STORAGE_BACKEND,
    modelo: { proveedor: model.kind, nombre: model.name },
    redis: Boolean(config.REDIS_URL),
    iniciado: STARTED_AT.toISOString(),
    documentacion: "/api/openapi.json",
  };
}

/** `GET /` for an API client: the previous system's {service, version, status: "online", docs, health}, then /info's. */
export function rootServiceInfo() {
  const info = serviceInfo();
  return {
    service: info.name,
    status: "online",
    docs: info.documentacion,
    health: "/health",
    ...info,
  };
}

type Check = { estado: "ok" | "error" | "sin_verificar"; latencia_ms?: number; detalle?: string };

async function timed(run: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("tiempo agotado")), timeoutMs).unref()),
    ]);
    return { estado: "ok", latencia_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      estado: "error",
      latencia_ms: Math.round(performance.now() - started),
      detalle: error instanceof Error ? error.message.slice(0, 120) : "error",
    };
  }
}

async function modelCheck(): Promise<Check & { proveedor: string; nombre: string }> {
  const model = chatModel();
  const base = { proveedor: model.kind, nombre: model.name };
  if (model.kind === "offline") return { ...base, estado: "ok", detalle: "Modelo local determinista" };
  const url = env().OPENAI_COMPATIBLE_BASE_URL;
  if (model.kind === "openai-compatible" && url) {
    return {
      ...base,
      ...(await timed(() => fetch(`${url.replace(/\/$/, "")}/models`, { signal: AbortSignal.timeout(1_500) }), 2_000)),
    };
  }
  // hosted models are not called from a health probe (it would spend quota); their answers fall back offline
  return { ...base, estado: "sin_verificar", detalle: "Configurado; si falla se responde con el modelo local." };
}

/** Redis shares limits and events between instances; without it each instance works alone ("caido"). */
async function redisCheck(): Promise<Omit<Check, "estado"> & { estado: Check["estado"] | "caido" | "no_configurado" }> {
  if (!env().REDIS_URL) return { estado: "no_configurado" };
  const check = await timed(async () => rateLimitStore().ping?.(), 1_000);
  return check.estado === "ok" ? check : { ...check, estado: "caido" };
}

const HEALTH_MESSAGES = {
  ok: ["success", "Sistema funcionando correctamente"],
  degradado: ["warning", "Sistema con advertencias: almacenamiento, modelo o Redis con problemas"],
  caido: ["error", "Sistema no disponible: la base de datos no responde"],
} as const;

/** Database down → 503; storage, model or Redis problems only degrade. */
export async function healthReport(requestId: string | null = null) {
  const [database, files, model, redis] = await Promise.all([
    timed(() => db().$queryRawUnsafe("SELECT 1"), 3_000),
    timed(() => storage().check(), 3_000),
    modelCheck(),
    redisCheck(),
  ]);
  const degraded = files.estado !== "ok" || model.estado === "error" || redis.estado === "caido";
  const status = database.estado !== "ok" ? "caido" : degraded ? "degradado" : "ok";
  return {
    httpStatus: database.estado === "ok" ? 200 : 503,
    body: {
      ...healthEnvelope(
        HEALTH_MESSAGES[status][0],
        HEALTH_MESSAGES[status][1],
        "Agente Vendedor API Enterprise",
        requestId,
      ),
      estado: status,
      base_de_datos: { ...database, tipo: databaseFlavour() },
      almacenamiento: { ...files, backend: env().STORAGE_BACKEND },
      modelo: model,
      redis,
      hora: new Date().toISOString(),
    },
  };
}
