import type { TurnData } from "@/lib/chat/ui-types";

// The chat as the page shows it, restored from `/chat/historial/{chat_id}` after a reload, and the chat ids
// this device keeps (the current one and "conversaciones anteriores").
export type ChatItem = {
  id: string;
  dbId?: number;
  kind: "user" | "bot" | "staff" | "notice";
  text: string;
  at: string;
  turn?: TurnData | null;
  streaming?: boolean;
};

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

// `remitente` as /chat/historial writes it (the previous system's vocabulary: `agente` for the assistant).
const KINDS: Record<string, ChatItem["kind"]> = {
  usuario: "user",
  agente: "bot",
  asistente: "bot",
  asesor: "staff",
  sistema: "notice",
};

export function toChatItems(chatId: string, entries: readonly HistoryEntry[]): ChatItem[] {
  return entries.map((e): ChatItem => {
    const kind = KINDS[e.remitente] ?? "notice";
    const base = { id: `db-${e.id}`, dbId: e.id, kind, text: e.mensaje, at: e.timestamp };
    if (kind !== "bot") return base;
    return {
      ...base,
      turn: {
        chatId,
        intent: e.tipo_mensaje ?? "contexto",
        saleState: e.estado_venta,
        products: e.metadatos.productos ?? [],
        order: e.metadatos.pedido ?? null,
        suggestions: e.metadatos.sugerencias ?? [],
        botDisabled: false,
        reply: e.mensaje,
        replaced: false,
      },
    };
  });
}

const CURRENT_KEY = "sextinvalle.chatId";
const PAST_KEY = "sextinvalle.chats";
const VALID_ID = /^[A-Za-z0-9_-]{1,100}$/;

export type PastChat = { id: string; at: string; preview: string; order: string | null };

/** The browser's chat id (kept so a reload restores the conversation). */
export function storedChatId(): string {
  const existing = window.localStorage.getItem(CURRENT_KEY);
  if (existing && VALID_ID.test(existing)) return existing;
  return setCurrentChatId(crypto.randomUUID());
}

export function setCurrentChatId(id: string): string {
  window.localStorage.setItem(CURRENT_KEY, id);
  return id;
}

export function pastChats(): PastChat[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(PAST_KEY) ?? "[]") as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter((c): c is PastChat => typeof c?.id === "string" && VALID_ID.test(c.id)).slice(0, 20);
  } catch {
    return [];
  }
}

function savePastChats(list: PastChat[]) {
  window.localStorage.setItem(PAST_KEY, JSON.stringify(list.slice(0, 20)));
}

/** Files the current conversation under "conversaciones anteriores" and makes `nextId` (or a new one) current. */
export function switchChat(current: PastChat | null, nextId: string | null): string {
  const others = pastChats().filter((c) => c.id !== current?.id && c.id !== nextId);
  savePastChats(current ? [current, ...others] : others);
  return setCurrentChatId(nextId ?? crypto.randomUUID());
}

let pendingCurrent: Promise<string> | null = null;

/**
 * Binds the page to one of this browser's conversations through the server, whose httpOnly signed cookie is
 * the proof (the id alone opens nothing): `{}` the current one (a new one if none), `{nueva: true}` a new one,
 * `{chatId}` one of this browser's earlier ones. The id is kept as the current one in localStorage.
 */
export function openChatSession(request: { chatId?: string; nueva?: boolean } = {}): Promise<string> {
  // concurrent callers of "the current one" share one request (React runs a mount effect twice in
  // development): two parallel sessions would each set the cookie, leaving the page with the other's id
  const plain = !request.chatId && !request.nueva;
  if (plain && pendingCurrent) return pendingCurrent;
  const call = requestSession(request).finally(() => {
    if (pendingCurrent === call) pendingCurrent = null;
  });
  if (plain) pendingCurrent = call;
  return call;
}

async function requestSession(request: { chatId?: string; nueva?: boolean }): Promise<string> {
  const res = await fetch("/api/chat/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw new Error(String(res.status));
  const { chatId } = (await res.json()) as { chatId: string };
  return setCurrentChatId(chatId);
}
