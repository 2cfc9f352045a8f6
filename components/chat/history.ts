import type { ShopUIMessage, TurnData } from "@/lib/chat/ui-types";

// Restoring a web chat after a reload: the legacy history endpoint's entries → UI messages.
export type HistoryEntry = {
  id: number;
  remitente: string;
  mensaje: string;
  timestamp: string;
  tipo_mensaje: string | null;
  estado_venta: string | null;
  metadatos: {
    productos?: TurnData["products"];
    pedido?: TurnData["order"];
    sugerencias?: string[];
  };
};

export function toUIMessages(chatId: string, entries: readonly HistoryEntry[]): ShopUIMessage[] {
  return entries.map((e): ShopUIMessage => {
    const metadata = { createdAt: e.timestamp };
    if (e.remitente === "usuario")
      return { id: `db-${e.id}`, role: "user", metadata, parts: [{ type: "text", text: e.mensaje }] };
    if (e.remitente === "asesor")
      return {
        id: `db-${e.id}`,
        role: "assistant",
        metadata,
        parts: [
          { type: "data-staff", data: { at: e.timestamp } },
          { type: "text", text: e.mensaje },
        ],
      };
    const turn: TurnData = {
      chatId,
      intent: e.tipo_mensaje ?? "contexto",
      saleState: e.estado_venta,
      products: e.metadatos.productos ?? [],
      order: e.metadatos.pedido ?? null,
      suggestions: e.metadatos.sugerencias ?? [],
      botDisabled: false,
      reply: e.mensaje,
      replaced: false,
    };
    return {
      id: `db-${e.id}`,
      role: "assistant",
      metadata,
      parts: [
        { type: "text", text: e.mensaje },
        { type: "data-turn", data: turn },
      ],
    };
  });
}

export function turnOf(message: ShopUIMessage): TurnData | null {
  for (const part of message.parts) if (part.type === "data-turn") return part.data;
  return null;
}

export function isStaffMessage(message: ShopUIMessage): boolean {
  return message.parts.some((p) => p.type === "data-staff");
}

export function textOf(message: ShopUIMessage): string {
  const turn = turnOf(message);
  if (turn?.replaced) return turn.reply;
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

/** The sale as of the latest answer that speaks about it. */
export function latestTurn(messages: readonly ShopUIMessage[]): TurnData | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const turn = messages[i] ? turnOf(messages[i] as ShopUIMessage) : null;
    if (turn) return turn;
  }
  return null;
}

const STORAGE_KEY = "sextinvalle.chatId";

/**
 * The browser's conversation, chosen by the server and bound to an httpOnly cookie (the id alone opens
 * nothing). `fresh` starts another one. The id is also kept in localStorage for tools that look for it.
 */
export function openChatSession(fresh: boolean): Promise<string> {
  // one request for concurrent callers (React runs a mount effect twice in development): two parallel
  // sessions would each set the cookie, and the id kept would not be the one the cookie names
  if (!fresh && current) return current;
  const request = requestSession(fresh).finally(() => {
    if (current === request) current = null;
  });
  if (!fresh) current = request;
  return request;
}

let current: Promise<string> | null = null;

async function requestSession(fresh: boolean): Promise<string> {
  const res = await fetch("/api/chat/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ nueva: fresh }),
  });
  if (!res.ok) throw new Error(String(res.status));
  const { chatId } = (await res.json()) as { chatId: string };
  window.localStorage.setItem(STORAGE_KEY, chatId);
  return chatId;
}
