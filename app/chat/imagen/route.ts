import { handleMediaMessage } from "@/lib/chat/media-route";
import { publicRoute } from "@/lib/http/route";

// Legacy image message: multipart field `imagen` (JPEG/PNG/WebP/GIF ≤ 10 MB) plus optional chat_id, mensaje,
// tono, instrucciones. 503 `modelo_no_disponible` when no multimodal model is configured.
export const POST = publicRoute((call) => handleMediaMessage("image", call));
