import { db } from "@/lib/db/client";
import { json, publicRoute } from "@/lib/http/route";

// Legacy health check of the chat service (same path as the previous system).
export const GET = publicRoute(async () => {
  const started = performance.now();
  try {
    await db().product.count({ take: 1 });
    return json({
      status: "ok",
      servicio: "chat",
      base_de_datos: "ok",
      latencia_ms: Math.round(performance.now() - started),
    });
  } catch {
    return json({ status: "error", servicio: "chat", base_de_datos: "caida" }, { status: 503 });
  }
});
