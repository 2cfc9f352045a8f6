import { db } from "@/lib/db/client";
import { json, publicRoute } from "@/lib/http/route";
import { healthEnvelope } from "@/lib/legacy-api/service-info";

// Legacy health check of the chat service (same path and HealthResponse as the previous system). A missing
// Google key is reported in `dependencies` but is no warning: the offline model answers without it.
export const GET = publicRoute(async ({ requestId }) => {
  const started = performance.now();
  try {
    await db().product.count({ take: 1 });
    return json({
      ...healthEnvelope("success", "Servicio de chat funcionando correctamente", "Chat Service", requestId),
      servicio: "chat",
      base_de_datos: "ok",
      latencia_ms: Math.round(performance.now() - started),
    });
  } catch {
    return json(
      {
        ...healthEnvelope(
          "error",
          "Servicio de chat no disponible: la base de datos no responde",
          "Chat Service",
          requestId,
        ),
        servicio: "chat",
        base_de_datos: "caida",
      },
      { status: 503 },
    );
  }
});
