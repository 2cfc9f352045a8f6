import type { NextRequest } from "next/server";
import { multimodalModel } from "@/lib/ai/providers";
import type { Principal } from "@/lib/auth/principal";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { json } from "@/lib/http/route";
import { enforceRateLimit, LIMITS } from "@/lib/ratelimit";
import { chatProofOf, chatTokenHeaders } from "./chat-proof";
import { legacyTurnBody, rateSubject } from "./legacy";
import { type MediaKind, mediaToText, modelUnavailable, readMediaUpload } from "./media";
import { authorizeChat } from "./ownership";
import { runChatTurnWithTimeout } from "./pipeline";

// Shared body of POST /chat/imagen and /chat/audio. The upload is validated before anything else
// (a bad file is a 4xx even without a model), then the conversation's owner is checked like /chat/texto,
// then without a multimodal model: 503 modelo_no_disponible.
export async function handleMediaMessage(
  kind: MediaKind,
  call: { req: NextRequest; principal: Principal | null; requestId: string },
): Promise<Response> {
  await enforceRateLimit(LIMITS.chat, rateSubject(call.req, call.principal));
  const upload = await readMediaUpload(call.req, kind);
  const access = await authorizeChat({
    chatId: upload.chatId ?? null,
    door: "legacy",
    purpose: "write",
    proof: chatProofOf(call.req, upload.chatToken),
    principal: call.principal,
    clientIp: clientIpFromHeaders(call.req.headers),
  });
  const model = multimodalModel(kind);
  if (!model) throw modelUnavailable(kind);
  const understood = await mediaToText(model, kind, upload);
  const text = kind === "image" ? [upload.caption, understood].filter(Boolean).join(". ") : understood;
  const result = await runChatTurnWithTimeout({
    chatId: access.chatId,
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
  const read = kind === "image" ? { descripcion_imagen: understood } : { transcripcion: understood };
  return json(
    {
      ...body,
      // the previous system's metadatos for a file: what was read, the file's type and size, the sale state
      metadatos: {
        ...body.metadatos,
        ...read,
        tipo_archivo: upload.mediaType,
        tamaño_archivo: upload.bytes.byteLength,
        estado_venta: body.estado_venta,
      },
      ...read,
      ...(access.token ? { chat_token: access.token } : {}),
    },
    { headers: chatTokenHeaders(access.token) },
  );
}
