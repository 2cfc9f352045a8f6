import { chatModel } from "@/lib/ai/providers";
import { db } from "@/lib/db/client";
import { databaseFlavour, env } from "@/lib/env";
import { rateLimitStore } from "@/lib/ratelimit";
import { storage } from "@/lib/storage";

// Service information and health for /info, /health and `GET /` with Accept: application/json.
const STARTED_AT = new Date();

export function serviceInfo() {
  const config = env();
  const model = chatModel();
  return {
    servicio: "sextinvalle",
    descripcion: "Asesor de ventas y consola de Sextinvalle",
    version: config.APP_VERSION ?? process.env.npm_package_version ?? "0.1.0",
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

/** Database down → 503; storage, model or Redis problems only degrade. */
export async function healthReport() {
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
      status,
      base_de_datos: { ...database, tipo: databaseFlavour() },
      almacenamiento: { ...files, backend: env().STORAGE_BACKEND },
      modelo: model,
      redis,
      hora: new Date().toISOString(),
    },
  };
}
