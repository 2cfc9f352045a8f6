import { multimodalModel } from "@/lib/ai/providers";
import { imageSignatureMatches, MEDIA_RULES, type MediaKind, mediaToText } from "@/lib/chat/media";
import type { InboundPayload, MessagingChannel } from "@/lib/domain/channels";
import { isAppError } from "@/lib/errors";
import { isProviderError } from "./errors";
import { telegramDownload } from "./telegram/api";
import { TEXTS } from "./texts";
import { whatsappDownload } from "./whatsapp/api";

// Voice notes and photos take the same multimodal path as POST /chat/audio and /chat/imagen: the configured model
// turns them into text (transcript, product description) that then runs through the normal pipeline. Without such
// a model, or with a file it cannot read, the customer gets a clear Spanish answer instead.
export type MediaOutcome =
  | { ok: true; text: string; source: Record<string, unknown> }
  | { ok: false; reply: string; source: Record<string, unknown> };

const baseType = (mimeType: string | null) => (mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

async function download(channel: MessagingChannel, media: NonNullable<InboundPayload["media"]>, maxBytes: number) {
  if (channel === "telegram") {
    const { bytes, path } = await telegramDownload(media.id, maxBytes);
    // Telegram photos are JPEG; voice notes are OGG/Opus whatever the file name says
    const fromPath = /\.oga$|\.ogg$/i.test(path) ? "audio/ogg" : null;
    return { bytes, mediaType: baseType(media.mimeType) || fromPath || "application/octet-stream" };
  }
  const { bytes, mimeType } = await whatsappDownload(media.id, maxBytes);
  return { bytes, mediaType: baseType(mimeType ?? media.mimeType) };
}

export async function readMedia(
  channel: MessagingChannel,
  kind: MediaKind,
  payload: InboundPayload,
): Promise<MediaOutcome> {
  const tipo = kind === "audio" ? "audio" : "imagen";
  const model = multimodalModel(kind);
  if (!model || !payload.media) return { ok: false, reply: TEXTS.noModel[kind], source: { tipo, sin_modelo: true } };
  const rule = MEDIA_RULES[kind];
  let file: { bytes: Uint8Array; mediaType: string };
  try {
    file = await download(channel, payload.media, rule.maxBytes);
  } catch (error) {
    // an outage of the provider is retried with the event; a file we can never have is answered now
    if (isProviderError(error) && !error.retryable) {
      return { ok: false, reply: TEXTS.mediaUnreadable[kind], source: { tipo, error: error.message } };
    }
    throw error;
  }
  const allowed = (rule.types as readonly string[]).includes(file.mediaType);
  if (!allowed || (kind === "image" && !imageSignatureMatches(file.bytes, file.mediaType))) {
    return { ok: false, reply: TEXTS.mediaUnreadable[kind], source: { tipo, formato: file.mediaType } };
  }
  try {
    const understood = await mediaToText(model, kind, { bytes: file.bytes, mediaType: file.mediaType });
    const caption = payload.text?.trim();
    const text = kind === "image" ? [caption, understood].filter(Boolean).join(". ") : understood;
    const key = kind === "audio" ? "transcripcion" : "descripcion_imagen";
    return { ok: true, text: text.slice(0, 1000), source: { tipo, [key]: understood, modelo_multimodal: model.name } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, reply: error.message, source: { tipo, modelo_multimodal: model.name, error: error.message } };
  }
}
