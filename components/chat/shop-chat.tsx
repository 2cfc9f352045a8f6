"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Attendance } from "@/lib/chat/ui-types";
import { CartContent } from "./cart-panel";
import { CartBadge, CartSheet } from "./cart-sheet";
import { Composer } from "./composer";
import { ConfirmCard } from "./confirm-card";
import { type ChatItem, type HistoryEntry, openChatSession, switchChat, toChatItems } from "./history";
import { MessageList } from "./message-list";
import { ConversationMenu } from "./past-chats";
import { useChatSession } from "./use-chat-session";

// The customer chat as a full-height app shell: header, a message list that scrolls by itself, the composer
// always in view, and the cart beside the chat on a desktop or behind a badge (bottom sheet) on a phone.
const STATUS: Record<Attendance, string> = {
  bot: "Asesor virtual · responde al instante",
  human: "Te atiende una persona de nuestro equipo",
  paused: "El asesor virtual está en pausa",
};

function ChatSession({
  chatId,
  initial,
  onSwitch,
}: {
  chatId: string;
  initial: ChatItem[];
  onSwitch: (nextId: string | null, preview: { preview: string; order: string | null }) => void;
}) {
  const { items, status, error, state, progress, send, retry, refresh } = useChatSession(chatId, initial);
  const input = useRef<HTMLTextAreaElement>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const busy = status !== "idle";
  const attendance = state?.attendance ?? "bot";
  const last = items.at(-1);
  const suggestions = !busy && last?.kind === "bot" ? (last.turn?.suggestions ?? []) : [];
  const order = state?.order ?? null;
  const confirming = order?.state === "listo_para_finalizar" && attendance === "bot" && order.lines.length > 0;
  const sendText = (text: string) => {
    setChanging(false);
    send(text);
  };
  const preview = () => ({
    preview:
      [...items]
        .reverse()
        .find((i) => i.kind === "user")
        ?.text.slice(0, 80) ?? "",
    order: order?.number.startsWith("SV-") ? order.number : null,
  });

  return (
    <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[1fr_22rem]">
      <section
        className="flex min-h-0 flex-col overflow-hidden bg-white sm:rounded-card sm:border sm:border-ink-100 sm:shadow-sm"
        aria-label="Chat con el asesor"
      >
        <header className="flex shrink-0 items-center justify-between gap-3 border-b border-ink-100 px-3 py-2 sm:px-4 sm:py-3">
          <div className="flex min-w-0 items-center gap-3">
            <span
              className="grid size-9 shrink-0 place-items-center rounded-full bg-brand-600 font-semibold text-white"
              aria-hidden="true"
            >
              S
            </span>
            <div className="min-w-0">
              <h2 id="chat-title" className="text-sm font-semibold text-ink-900">
                Asesor Sextinvalle
              </h2>
              <p className="truncate text-xs text-ink-700" data-testid="attendance" data-attendance={attendance}>
                {attendance === "human" && state?.attendedBy ? `Te atiende ${state.attendedBy}` : STATUS[attendance]}
              </p>
            </div>
          </div>
          <ConversationMenu
            hasMessages={items.length > 0}
            onNew={() => onSwitch(null, preview())}
            onOpen={(id) => onSwitch(id, preview())}
          />
        </header>
        <MessageList
          items={items}
          typing={status === "submitted"}
          progress={progress}
          busy={busy}
          onAsk={sendText}
          after={
            confirming && order && !busy ? (
              <ConfirmCard
                order={order}
                disabled={busy}
                onConfirm={() => sendText("Sí, confirmo el pedido")}
                onChange={() => {
                  setChanging(true);
                  input.current?.focus();
                }}
              />
            ) : null
          }
        />
        {attendance === "paused" && state?.notice ? (
          <p role="status" className="shrink-0 border-t border-amber-200 bg-amber-50 px-3 py-2 text-xs text-ink-900">
            {state.notice}
          </p>
        ) : null}
        {error ? (
          <div
            role="alert"
            className="mx-3 mb-2 flex shrink-0 items-center justify-between gap-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-danger"
          >
            <span>{error}</span>
            <button type="button" className="btn-secondary px-3 py-1 text-xs" onClick={retry}>
              Reintentar
            </button>
          </div>
        ) : null}
        {suggestions.length > 0 ? (
          <fieldset className="flex shrink-0 gap-2 overflow-x-auto px-3 pb-2">
            <legend className="sr-only">Respuestas sugeridas</legend>
            {suggestions.map((s) => (
              <button
                key={s}
                type="button"
                onClick={() => sendText(s)}
                className="shrink-0 rounded-full border border-brand-200 bg-brand-50 px-3 py-1 text-xs font-medium text-brand-900 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                {s}
              </button>
            ))}
          </fieldset>
        ) : null}
        <CartBadge state={state} onOpen={() => setSheetOpen(true)} />
        <Composer
          disabled={busy}
          onSend={sendText}
          inputRef={input}
          hint={changing ? "Dinos qué quieres cambiar: p. ej. «que sean 3» o «mi dirección es …»." : null}
        />
      </section>
      <aside className="hidden min-h-0 overflow-y-auto lg:block" aria-labelledby="cart-title">
        <div className="card p-4">
          <CartContent chatId={chatId} state={state} titleId="cart-title" onQuote={() => void refresh()} />
        </div>
      </aside>
      <CartSheet
        chatId={chatId}
        state={state}
        open={sheetOpen}
        onClose={() => setSheetOpen(false)}
        onQuote={() => void refresh()}
      />
    </div>
  );
}

export function ShopChat() {
  const [session, setSession] = useState<{ chatId: string; initial: ChatItem[] } | null>(null);
  const [restoreFailed, setRestoreFailed] = useState(false);

  // `wanted` null: the browser's current conversation, as its cookie names it (lib/chat/ownership.ts)
  const load = useCallback((wanted: string | null) => {
    setRestoreFailed(false);
    openChatSession(wanted ? { chatId: wanted } : {})
      .then(async (chatId) => {
        const res = await fetch(`/chat/historial/${chatId}?limite=500`);
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { data: HistoryEntry[] };
        setSession({ chatId, initial: toChatItems(chatId, body.data) });
      })
      .catch(async () => {
        setRestoreFailed(true);
        const chatId = await openChatSession({ nueva: true }).catch(() => null);
        if (chatId) setSession({ chatId, initial: [] });
      });
  }, []);

  const startNewChat = useCallback(() => {
    openChatSession({ nueva: true })
      .then((chatId) => setSession({ chatId, initial: [] }))
      .catch(() => setRestoreFailed(true));
  }, []);

  useEffect(() => load(null), [load]);

  if (!session)
    return (
      <p className="card m-3 p-6 text-sm text-ink-500" role="status">
        Cargando tu conversación…
      </p>
    );
  return (
    <>
      {restoreFailed ? (
        <p className="shrink-0 rounded-lg bg-amber-50 px-3 py-2 text-sm text-ink-900">
          No pudimos cargar tu conversación anterior.
        </p>
      ) : null}
      <ChatSession
        key={session.chatId}
        chatId={session.chatId}
        initial={session.initial}
        onSwitch={(nextId, info) => {
          const current = session.initial.length > 0 || info.preview ? session.chatId : null;
          const id = switchChat(
            current ? { id: current, at: new Date().toISOString(), preview: info.preview, order: info.order } : null,
            nextId,
          );
          if (nextId) load(id);
          else startNewChat();
        }}
      />
    </>
  );
}
