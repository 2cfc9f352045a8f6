import { handleMediaMessage } from "@/lib/chat/media-route";
import { publicRoute } from "@/lib/http/route";

// Legacy audio message: multipart field `audio` (≤ 25 MB) plus optional chat_id, tono, instrucciones.
// 503 `modelo_no_disponible` when no model able to transcribe is configured.
export const POST = publicRoute((call) => handleMediaMessage("audio", call));
