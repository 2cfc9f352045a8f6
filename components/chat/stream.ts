import type { TurnData } from "@/lib/chat/ui-types";

// Reads the web chat's answer (the AI SDK UI message stream protocol: SSE lines `data: {"type": …}`) without
// the SDK's client runtime, which would bring zod and the SDK's validators into the shop's first load.
export type StreamHandlers = {
  onText: (delta: string) => void;
  onTurn: (turn: TurnData) => void;
  onError: (message: string) => void;
  /** What the assistant is doing right now ("Buscando en el catálogo…"), while a hosted model uses its tools. */
  onProgress?: (label: string) => void;
};

function handleEvent(block: string, on: StreamHandlers) {
  for (const line of block.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const payload = line.slice(5).trim();
    if (!payload || payload === "[DONE]") continue;
    let chunk: { type?: string; delta?: string; data?: TurnData & { label?: string }; errorText?: string };
    try {
      chunk = JSON.parse(payload) as typeof chunk;
    } catch {
      continue;
    }
    if (chunk.type === "text-delta" && typeof chunk.delta === "string") on.onText(chunk.delta);
    else if (chunk.type === "data-turn" && chunk.data) on.onTurn(chunk.data);
    else if (chunk.type === "data-progress" && typeof chunk.data?.label === "string") on.onProgress?.(chunk.data.label);
    else if (chunk.type === "error") on.onError(chunk.errorText ?? "No pudimos procesar tu mensaje.");
  }
}

export async function readChatStream(body: ReadableStream<Uint8Array>, on: StreamHandlers): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      handleEvent(buffer.slice(0, end), on);
      buffer = buffer.slice(end + 2);
    }
  }
  if (buffer.trim()) handleEvent(buffer, on);
}

/** The Spanish message of our error body (`{error: {message}}`), or a generic one. */
export async function errorMessageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    // not our JSON error shape
  }
  return "No pudimos enviar tu mensaje. Revisa tu conexión e intenta de nuevo.";
}
