import { getGlobalBotSetting, setGlobalBotSetting } from "@/lib/db/settings";
import { readJson } from "@/lib/http/body";
import { guardedRoute, json } from "@/lib/http/route";
import { toggleBody } from "@/lib/legacy-api/requests";

// Legacy API: /chat-control/sistema/toggle — GET reads the global bot switch, POST `{}` flips it
// (`{"activo": bool}` sets it; an empty body is refused). The chat pipeline reads the same Setting on every turn.
export const GET = guardedRoute("conversations:read", async () => {
  const s = await getGlobalBotSetting();
  return json({ bot_activo: s.enabled, motivo: s.reason, cambiado_por: s.by, cambiado_en: s.at });
});

export const POST = guardedRoute("bot:global-toggle", async ({ req, principal }) => {
  // a state change needs a JSON body (`{}` flips, `{"activo": …}` sets): never an empty POST
  const body = await readJson(req, toggleBody);
  const current = await getGlobalBotSetting();
  const enabled = body.activo ?? !current.enabled;
  const s = await setGlobalBotSetting({ enabled, reason: body.motivo ?? null }, principal);
  return json({ bot_activo: s.enabled, motivo: s.reason, cambiado_por: s.by, cambiado_en: s.at });
});
