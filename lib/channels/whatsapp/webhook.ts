import { whatsappConfig } from "@/lib/channels/config";
import { kickChannelWorker } from "@/lib/channels/kick";
import { forWebhook, sameSecret, storeForWebhook, validHubSignature } from "@/lib/channels/webhook-common";
import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { log } from "@/lib/log";
import { readWebhook, whatsappWebhook } from "./payload";
import { applyStatuses } from "./statuses";

// GET|POST /api/channels/whatsapp: Meta's verification handshake and webhook deliveries. Every POST must carry a
// valid X-Hub-Signature-256 of its exact bytes (checked in constant time) before anything is parsed or stored.
function configured() {
  const config = whatsappConfig();
  if (!config) {
    throw new AppError("not_found", "El canal de WhatsApp no está configurado.", {
      detailCode: "canal_no_configurado",
    });
  }
  return config;
}

/** `hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` → the challenge, when the token matches. */
export function verifySubscription(url: URL): string {
  const config = configured();
  const mode = url.searchParams.get("hub.mode");
  const challenge = url.searchParams.get("hub.challenge");
  if (mode !== "subscribe" || !challenge || !/^[\w.-]{1,256}$/.test(challenge)) {
    throw new AppError("invalid_input", "Faltan hub.mode=subscribe y hub.challenge.", {
      detailCode: "verificacion_invalida",
    });
  }
  if (!config.verifyToken || !sameSecret(url.searchParams.get("hub.verify_token"), config.verifyToken)) {
    throw new AppError("forbidden", "El token de verificación de WhatsApp no coincide.", {
      detailCode: "token_invalido",
    });
  }
  return challenge;
}

export async function receiveWhatsappDelivery(req: Request): Promise<{ stored: number; statuses: number }> {
  const config = configured();
  if (!config.appSecret) {
    throw new AppError("forbidden", "Falta WHATSAPP_APP_SECRET: sin él no se pueden comprobar las entregas.", {
      detailCode: "secreto_no_configurado",
    });
  }
  const raw = await readBodyBytes(req, 1024 * 1024, "La entrega de WhatsApp es demasiado grande.");
  if (!validHubSignature(req.headers.get("x-hub-signature-256"), raw, config.appSecret)) {
    throw new AppError("unauthorized", "La firma X-Hub-Signature-256 no es válida.", { detailCode: "firma_invalida" });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError("invalid_input", "La entrega de WhatsApp no es un JSON válido.");
  }
  const parsed = whatsappWebhook.safeParse(json);
  if (!parsed.success) throw new AppError("invalid_input", "La entrega de WhatsApp no tiene la forma esperada.");
  const { events, statuses, errors } = readWebhook(parsed.data, config.phoneNumberId);
  if (errors.length > 0) log.warn("whatsapp webhook reported errors", { errors });
  const stored = events.length > 0 ? await storeForWebhook(events) : 0;
  if (statuses.length > 0) await forWebhook(() => applyStatuses(statuses));
  if (stored > 0) kickChannelWorker();
  return { stored, statuses: statuses.length };
}
