"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useEffect, useMemo, useState } from "react";
import type { ShopUIMessage } from "@/lib/chat/ui-types";
import { CartPanel } from "./cart-panel";
import { Composer } from "./composer";
import { type HistoryEntry, latestTurn, openChatSession, toUIMessages } from "./history";
import { MessageList } from "./message-list";

// The customer chat: streaming answers (useChat over /api/chat), product cards, the live order panel,
// suggested replies, and staff replies pushed over SSE when a person takes the conversation over.
function lastUserText(messages: ShopUIMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === "user");
  return last?.parts.map((p) => (p.type === "text" ? p.text : "")).join("") ?? "";
}

function useStaffEvents(chatId: string, onStaff: (m: ShopUIMessage) => void, onBot: (off: boolean) => void) {
  useEffect(() => {
    const source = new EventSource(`/api/chat/${chatId}/events`);
    source.onmessage = (event) => {
      const data = JSON.parse(event.data as string) as {
        type: string;
        id?: number;
        mensaje?: string;
        timestamp?: string;
        ia_desactivada?: boolean;
      };
      if (data.type === "staff_message" && data.mensaje) {
        const at = data.timestamp ?? new Date().toISOString();
        onStaff({
          id: `db-${data.id ?? crypto.randomUUID()}`,
          role: "assistant",
          metadata: { createdAt: at },
          parts: [
            { type: "data-staff", data: { at } },
            { type: "text", text: data.mensaje },
          ],
        });
      } else if (data.type === "bot_status") onBot(data.ia_desactivada === true);
    };
    return () => source.close();
  }, [chatId, onStaff, onBot]);
}

function ChatSession({
  chatId,
  initial,
  onNewChat,
}: {
  chatId: string;
  initial: ShopUIMessage[];
  onNewChat: () => void;
}) {
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ShopUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id, messages }) => ({ body: { chatId: id, mensaje: lastUserText(messages) } }),
      }),
    [],
  );
  const { messages, sendMessage, status, error, regenerate, setMessages, clearError } = useChat<ShopUIMessage>({
    id: chatId,
    messages: initial,
    transport,
  });
  const [humanOverride, setHumanOverride] = useState<boolean | null>(null);
  const onStaff = useMemo(
    () => (m: ShopUIMessage) => setMessages((prev) => (prev.some((p) => p.id === m.id) ? prev : [...prev, m])),
    [setMessages],
  );
  useStaffEvents(chatId, onStaff, setHumanOverride);

  const busy = status === "submitted" || status === "streaming";
  const turn = latestTurn(messages);
  const human = humanOverride ?? turn?.botDisabled ?? false;
  const send = (text: string) => {
    if (busy) return;
    clearError();
    void sendMessage({ text });
  };

  return (
    <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[1fr_22rem]">
      <section className="card flex min-h-[70dvh] flex-col overflow-hidden lg:min-h-0" aria-label="Chat con el asesor">
        <header className="flex items-center justify-between gap-3 border-b border-ink-100 px-4 py-3">
          <div className="flex items-center gap-3">
            <span
              className="grid size-9 place-items-center rounded-full bg-brand-600 font-semibold text-white"
              aria-hidden
            >
              S
            </span>
            <div>
              <p className="text-sm font-semibold text-ink-900">Asesor Sextinvalle</p>
              <p className="text-xs text-ink-500">
                {human ? "Te atiende una persona de nuestro equipo" : "Asesor virtual · responde al instante"}
              </p>
            </div>
          </div>
          <button type="button" className="btn-secondary px-3 py-1.5 text-xs" onClick={onNewChat}>
            Nueva conversación
          </button>
        </header>
        <MessageList messages={messages} typing={status === "submitted"} onAsk={send} />
        {error ? (
          <div
            role="alert"
            className="mx-3 mb-2 flex items-center justify-between gap-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-danger"
          >
            <span>{customerErrorMessage(error)}</span>
            <button type="button" className="btn-secondary px-3 py-1 text-xs" onClick={() => void regenerate()}>
              Reintentar
            </button>
          </div>
        ) : null}
        {!busy && turn && turn.suggestions.length > 0 ? (
          <fieldset className="flex flex-wrap gap-2 px-3 pb-2">
            <legend className="sr-only">Respuestas sugeridas</legend>
            {turn.suggestions.map((s) => (
              <button
                key={s}
                type="button"
                onClick={() => send(s)}
                className="rounded-full border border-brand-200 bg-brand-50 px-3 py-1 text-xs font-medium text-brand-900 hover:bg-brand-100"
              >
                {s}
              </button>
            ))}
          </fieldset>
        ) : null}
        <Composer disabled={busy} onSend={send} />
      </section>
      <aside className="lg:sticky lg:top-4 lg:self-start">
        <CartPanel turn={turn} />
      </aside>
    </div>
  );
}

/**
 * The chat transport surfaces a failed response's raw body as the error message; customers see the Spanish
 * message of our error shape instead (or a generic one for network failures), never JSON.
 */
function customerErrorMessage(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    // not our JSON error shape (e.g. the network dropped)
  }
  return "No pudimos enviar tu mensaje. Revisa tu conexión e intenta de nuevo.";
}

export function ShopChat() {
  const [session, setSession] = useState<{ chatId: string; initial: ShopUIMessage[] } | null>(null);
  const [restoreFailed, setRestoreFailed] = useState(false);

  useEffect(() => {
    openChatSession(false)
      .then(async (chatId) => {
        const res = await fetch(`/chat/historial/${chatId}`);
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { data: HistoryEntry[] };
        setSession({ chatId, initial: toUIMessages(chatId, body.data) });
      })
      .catch(async () => {
        setRestoreFailed(true);
        setSession({ chatId: await openChatSession(true).catch(() => crypto.randomUUID()), initial: [] });
      });
  }, []);

  const startNewChat = () => {
    void openChatSession(true)
      .then((chatId) => setSession({ chatId, initial: [] }))
      .catch(() => setRestoreFailed(true));
  };

  if (!session)
    return (
      <p className="card p-6 text-sm text-ink-500" role="status">
        Cargando tu conversación…
      </p>
    );
  return (
    <>
      {restoreFailed ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-warn">
          No pudimos cargar tu conversación anterior.
        </p>
      ) : null}
      <ChatSession key={session.chatId} chatId={session.chatId} initial={session.initial} onNewChat={startNewChat} />
    </>
  );
}
