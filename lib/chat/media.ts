import { generateText } from "ai";
import type { NextRequest } from "next/server";
import { type ChatModel, LLM_CHOICES } from "@/lib/ai/providers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { assertNoControlCharacters } from "@/lib/http/control-chars";
import { CHAT_ID, INSTRUCTIONS, TONE } from "./legacy";
import { withTimeout } from "./shapes";

// Image and audio messages: validated uploads, then the configured multimodal model turns them into text
// (what product the photo shows / the transcript) that goes through the normal text pipeline.
export type MediaKind = "image" | "audio";

export const MEDIA_RULES = {
  image: {
    field: "imagen",
    maxBytes: 10 * 1024 * 1024,
    types: ["image/jpeg", "image/png", "image/webp", "image/gif"],
    label: "La imagen debe ser JPEG, PNG, WebP o GIF",
    tooBig: "La imagen no puede superar 10 MB.",
  },
  audio: {
    field: "audio",
    maxBytes: 25 * 1024 * 1024,
    types: [
      "audio/mpeg",
      "audio/mp3",
      "audio/wav",
      "audio/x-wav",
      "audio/webm",
      "audio/ogg",
      "audio/mp4",
      "audio/x-m4a",
      "audio/aac",
      "audio/flac",
    ],
    label: "El audio debe ser MP3, WAV, WebM, OGG, M4A, AAC o FLAC",
    tooBig: "El audio no puede superar 25 MB.",
  },
} as const;

// `llm` is the previous system's field: checked like /chat/texto's, but the model that reads the file is whichever
// configured one can (there is one multimodal choice at most per kind).
const ALLOWED_FIELDS = new Set(["chat_id", "chat_token", "mensaje", "tono", "instrucciones", "llm"]);

/** Image types are checked by their first bytes too: the declared type alone is the client's word. */
export function imageSignatureMatches(bytes: Uint8Array, type: string): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (type === "image/jpeg") return starts(0xff, 0xd8, 0xff);
  if (type === "image/png") return starts(0x89, 0x50, 0x4e, 0x47);
  if (type === "image/gif") return starts(0x47, 0x49, 0x46, 0x38);
  if (type === "image/webp")
    return starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP";
  return false;
}

export type MediaUpload = {
  bytes: Uint8Array;
  mediaType: string;
  chatId?: string;
  chatToken?: string;
  caption?: string;
  tone?: ReturnType<typeof TONE.parse>;
  instructions?: string;
};

export async function readMediaUpload(req: NextRequest, kind: MediaKind): Promise<MediaUpload> {
  const rule = MEDIA_RULES[kind];
  if (!/^multipart\/form-data/i.test(req.headers.get("content-type") ?? ""))
    throw new AppError("unsupported_media_type", "Envía el archivo como multipart/form-data.");
  // the multipart envelope and the text fields get 64 KB on top of the file's own limit
  const body = await readBodyBytes(req, rule.maxBytes + 64 * 1024, rule.tooBig);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("invalid_input", "El formulario enviado no es válido.");
  }
  assertNoControlCharacters(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  const unknown = [...form.keys()].filter((k) => k !== rule.field && !ALLOWED_FIELDS.has(k));
  if (unknown.length > 0)
    throw new AppError("invalid_input", "El formulario tiene campos no permitidos.", {
      fields: Object.fromEntries(unknown.map((k) => [k, "Campo no permitido."])),
    });
  const file = form.get(rule.field);
  if (!(file instanceof File))
    throw new AppError("invalid_input", `Falta el archivo en el campo «${rule.field}».`, {
      fields: { [rule.field]: "Obligatorio." },
    });
  if (file.size > rule.maxBytes) throw new AppError("payload_too_large", rule.tooBig);
  if (file.size === 0)
    throw new AppError("invalid_input", "El archivo está vacío.", { fields: { [rule.field]: "Vacío." } });
  const mediaType = file.type.toLowerCase();
  if (!(rule.types as readonly string[]).includes(mediaType))
    throw new AppError("unsupported_media_type", `${rule.label}.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (kind === "image" && !imageSignatureMatches(bytes, mediaType))
    throw new AppError("unsupported_media_type", `${rule.label}; el contenido no corresponde al tipo declarado.`);

  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const fields: Record<string, string> = {};
  const chatId = text("chat_id");
  if (chatId && !CHAT_ID.safeParse(chatId).success) fields.chat_id = "El chat_id no es válido.";
  const caption = text("mensaje");
  if (caption && caption.length > 1000) fields.mensaje = "El mensaje no puede superar 1000 caracteres.";
  const tone = text("tono");
  const parsedTone = tone ? TONE.safeParse(tone) : null;
  if (parsedTone && !parsedTone.success) fields.tono = "Tono no válido.";
  const instructions = text("instrucciones");
  if (instructions && !INSTRUCTIONS.safeParse(instructions).success) fields.instrucciones = "Máximo 500 caracteres.";
  const llm = text("llm");
  if (llm && !(LLM_CHOICES as readonly string[]).includes(llm))
    fields.llm = `llm debe ser uno de: ${LLM_CHOICES.join(", ")}.`;
  if (Object.keys(fields).length > 0) throw new AppError("invalid_input", undefined, { fields });
  return {
    bytes,
    mediaType,
    chatId,
    chatToken: text("chat_token"),
    caption,
    tone: parsedTone?.success ? parsedTone.data : undefined,
    instructions,
  };
}

export function modelUnavailable(kind: MediaKind): AppError {
  const what = kind === "image" ? "imágenes" : "audios";
  return new AppError(
    "unavailable",
    `Por ahora no puedo procesar ${what}: no hay un modelo multimodal configurado. Escríbeme tu consulta en texto, por favor.`,
    { detailCode: "modelo_no_disponible" },
  );
}

const PROMPTS: Record<MediaKind, string> = {
  image:
    "Eres asesor de una tienda de equipos de protección personal y seguridad industrial. Describe en una frase corta, en español, qué producto aparece en la imagen (tipo de producto, color, detalles útiles para buscarlo en un catálogo). Si no es un producto de seguridad industrial, dilo brevemente.",
  audio:
    "Transcribe literalmente en español lo que dice el cliente en este audio. Devuelve solo la transcripción, sin comentarios.",
};

/** The upload as text for the pipeline (image → product description, audio → transcript). */
export async function mediaToText(model: ChatModel, kind: MediaKind, upload: MediaUpload): Promise<string> {
  const part =
    kind === "image"
      ? ({ type: "image", image: upload.bytes, mediaType: upload.mediaType } as const)
      : ({ type: "file", data: upload.bytes, mediaType: upload.mediaType } as const);
  try {
    const { text } = await withTimeout(
      generateText({
        model: model.model,
        maxRetries: 0,
        abortSignal: AbortSignal.timeout(env().AGENT_MODEL_TIMEOUT_MS),
        messages: [{ role: "user", content: [{ type: "text", text: PROMPTS[kind] }, part] }],
      }),
      env().AGENT_MODEL_TIMEOUT_MS + 1_000,
      "El modelo tardó demasiado.",
    );
    if (text.trim() === "") throw new Error("empty");
    return text.trim().slice(0, 1000);
  } catch {
    throw new AppError(
      "unavailable",
      `No pude ${kind === "image" ? "analizar la imagen" : "transcribir el audio"} en este momento. Intenta de nuevo o escríbeme tu consulta.`,
      {
        detailCode: "modelo_no_disponible",
      },
    );
  }
}
