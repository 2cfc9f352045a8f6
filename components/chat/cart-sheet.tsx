"use client";
import { useEffect, useRef } from "react";
import type { ChatState } from "@/lib/chat/ui-types";
import { formatCop } from "@/lib/format";
import { CartContent } from "./cart-panel";

// On a phone the cart is a bottom sheet (a native modal dialog: focus stays inside, Esc closes it) opened from
// a badge above the composer that always shows the items and the total.
export function CartBadge({ state, onOpen }: { state: ChatState | null; onOpen: () => void }) {
  const order = state?.order;
  const units = order?.units ?? 0;
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-haspopup="dialog"
      className="flex w-full shrink-0 items-center justify-between gap-2 border-t border-ink-100 bg-ink-50 px-4 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-600 lg:hidden"
    >
      <span className="font-semibold text-ink-900">Tu pedido</span>
      <span className="flex items-center gap-2 text-ink-700">
        {order && units > 0 ? (
          <>
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">
              {units} {units === 1 ? "producto" : "productos"}
            </span>
            <span data-nowrap className="whitespace-nowrap font-semibold text-ink-900">
              {formatCop(order.total)}
            </span>
          </>
        ) : (
          <span>vacío</span>
        )}
        <span aria-hidden="true">▴</span>
      </span>
    </button>
  );
}

export function CartSheet({
  chatId,
  state,
  open,
  onClose,
  onQuote,
}: {
  chatId: string;
  state: ChatState | null;
  open: boolean;
  onClose: () => void;
  onQuote: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="cart-sheet-title"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="mx-auto mt-auto mb-0 max-h-[85dvh] w-full max-w-lg overflow-y-auto rounded-t-2xl bg-white p-4 shadow-xl backdrop:bg-ink-900/50"
    >
      {open ? (
        <div className="flex flex-col gap-3">
          <CartContent chatId={chatId} state={state} titleId="cart-sheet-title" onQuote={onQuote} />
          <button type="button" className="btn-secondary" onClick={onClose}>
            Cerrar
          </button>
        </div>
      ) : null}
    </dialog>
  );
}
