import { chatControlStats } from "@/lib/db/legacy-api";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { guardedRoute, json } from "@/lib/http/route";

// Legacy API: GET /chat-control/estadisticas
export const GET = guardedRoute("conversations:read", async () => {
  const [global, s] = await Promise.all([getGlobalBotSetting(), chatControlStats()]);
  return json({
    bot_global_activo: global.enabled,
    conversaciones_total: s.total,
    conversaciones_con_bot: s.botOn,
    conversaciones_con_asesor: s.botOff,
    conversaciones_ultimas_24h: s.conversations24h,
    mensajes_ultimas_24h: s.messages24h,
  });
});
