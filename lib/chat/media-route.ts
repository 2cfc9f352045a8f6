import type { NextRequest } from "next/server";
import { multimodalModel } from "@/lib/ai/providers";
import type { Principal } from "@/lib/auth/principal";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";
import { legacyTurnBody, newChatId, rateSubject } from "./legacy";
import { type MediaKind, mediaToText, modelUnavailable, readMediaUpload } from "./media";
import { runChatTurnWithTimeout } from "./pipeline";

// Shared body of POST /chat/imagen and /chat/audio. The upload is validated before anything else
// (a bad file is a 4xx even without a model), then without a multimodal model: 503 modelo_no_disponible.
export async function handleMediaMessage(
  kind: MediaKind,
  call: { req: NextRequest; principal: Principal | null; requestId: string },
) {
  await enforceRateLimit(LIMITS.chat, rateSubject(call.req, call.principal));
  const upload = await readMediaUpload(call.req, kind);
  const model = multimodalModel(kind);
  if (!model) throw modelUnavailable(kind);
  const understood = await mediaToText(model, kind, upload);
  const text = kind === "image" ? [upload.caption, understood].filter(Boolean).join(". ") : understood;
  const result = await runChatTurnWithTimeout({
    chatId: upload.chatId ?? newChatId(),
    text: text.slice(0, 1000),
    channel: "api",
    tone: upload.tone,
    instructions: upload.instructions,
    principal: call.principal,
    source:
      kind === "image"
        ? { tipo: "imagen", descripcion_imagen: understood, modelo_multimodal: model.name }
        : { tipo: "audio", transcripcion: understood, modelo_multimodal: model.name },
  });
  const body = legacyTurnBody(result, call.requestId);
  return {
    ...body,
    ...(kind === "image" ? { descripcion_imagen: understood } : { transcripcion: understood }),
  };
}
