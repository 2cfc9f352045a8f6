"use client";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/lib/format";
import { type PastChat, pastChats } from "./history";

// Starting a new conversation asks first; the one left behind stays reachable on this device.
function Modal({
  open,
  onClose,
  titleId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  titleId: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-card bg-white p-5 shadow-xl backdrop:bg-ink-900/50"
    >
      {open ? children : null}
    </dialog>
  );
}

export function ConversationMenu({
  hasMessages,
  onNew,
  onOpen,
}: {
  hasMessages: boolean;
  onNew: () => void;
  onOpen: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [listing, setListing] = useState(false);
  const [past, setPast] = useState<PastChat[]>([]);
  useEffect(() => setPast(pastChats()), []);
  return (
    <div className="flex shrink-0 items-center gap-2">
      {past.length > 0 ? (
        <button
          type="button"
          className="btn-secondary px-3 py-1.5 text-xs"
          aria-label="Conversaciones anteriores"
          onClick={() => {
            setPast(pastChats());
            setListing(true);
          }}
        >
          <span className="sm:hidden">Anteriores</span>
          <span className="hidden sm:inline">Conversaciones anteriores</span>
        </button>
      ) : null}
      <button
        type="button"
        className="btn-secondary px-3 py-1.5 text-xs"
        aria-label="Nueva conversación"
        onClick={() => (hasMessages ? setConfirming(true) : onNew())}
      >
        <span className="sm:hidden">Nueva</span>
        <span className="hidden sm:inline">Nueva conversación</span>
      </button>
      <Modal open={confirming} onClose={() => setConfirming(false)} titleId="new-chat-title">
        <h2 id="new-chat-title" className="text-base font-semibold text-ink-900">
          ¿Empezar una conversación nueva?
        </h2>
        <p className="mt-2 text-sm text-ink-700">
          Esta conversación y su pedido quedan guardados en «Conversaciones anteriores» en este dispositivo.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
            Seguir en esta
          </button>
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              setConfirming(false);
              onNew();
            }}
          >
            Empezar una nueva
          </button>
        </div>
      </Modal>
      <Modal open={listing} onClose={() => setListing(false)} titleId="past-chats-title">
        <h2 id="past-chats-title" className="text-base font-semibold text-ink-900">
          Conversaciones anteriores
        </h2>
        <ul className="mt-3 flex max-h-[60dvh] flex-col divide-y divide-ink-100 overflow-y-auto text-sm">
          {past.map((chat) => (
            <li key={chat.id} className="flex items-center justify-between gap-3 py-2">
              <span className="min-w-0">
                <span className="block truncate text-ink-900">{chat.preview || "Sin mensajes"}</span>
                <span className="block text-xs text-ink-500">
                  {formatDateTime(chat.at)}
                  {chat.order ? ` · pedido ${chat.order}` : ""}
                </span>
              </span>
              <button
                type="button"
                className="btn-secondary shrink-0 px-3 py-1 text-xs"
                onClick={() => {
                  setListing(false);
                  onOpen(chat.id);
                }}
              >
                Abrir
              </button>
            </li>
          ))}
        </ul>
        <div className="mt-4 flex justify-end">
          <button type="button" className="btn-secondary" onClick={() => setListing(false)}>
            Cerrar
          </button>
        </div>
      </Modal>
    </div>
  );
}
