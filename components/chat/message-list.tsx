"use client";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatItem } from "./history";
import { ProductCard } from "./product-card";
import { RichText } from "./rich-text";

// The conversation scrolls inside itself and stays pinned to the newest message, unless the customer scrolled
// up to read: then new messages wait behind a "nuevos mensajes" pill. Screen readers hear each new answer once,
// when it is complete, from one live region (the list itself is not live, so streaming is not re-announced).
const PIN_DISTANCE = 80;

function scrollToEnd(el: HTMLElement | null) {
  if (el) el.scrollTop = el.scrollHeight;
}

/**
 * Follows the newest message, but never past the start of an answer taller than the list (text plus product
 * cards): the customer reads it from its first line, and stops being pinned there.
 */
function followNewest(el: HTMLElement | null, pinned: { current: boolean }) {
  if (!el) return;
  scrollToEnd(el);
  const bubble = el.querySelector<HTMLElement>(
    'ol > li:last-child [data-testid="bot-message"], ol > li:last-child [data-testid="staff-message"]',
  );
  if (!bubble) return;
  const overflow = el.getBoundingClientRect().top + 8 - bubble.getBoundingClientRect().top;
  if (overflow > 0) {
    el.scrollTop -= overflow;
    pinned.current = false;
  }
}

function Bubble({ item, onAsk }: { item: ChatItem; onAsk: (text: string) => void }) {
  if (item.kind === "notice")
    return (
      <li className="flex justify-center">
        <p data-testid="system-notice" className="rounded-full bg-ink-100 px-3 py-1 text-center text-xs text-ink-700">
          {item.text}
        </p>
      </li>
    );
  const mine = item.kind === "user";
  const staff = item.kind === "staff";
  const products = item.turn?.products ?? [];
  return (
    <li className={`flex flex-col gap-2 ${mine ? "items-end" : "items-start"}`}>
      {staff ? <span className="text-xs font-medium text-ink-700">Asesor de Sextinvalle</span> : null}
      {item.text ? (
        <div
          data-testid={mine ? "user-message" : staff ? "staff-message" : "bot-message"}
          className={`max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-4 py-2.5 text-sm leading-relaxed shadow-sm ${
            mine
              ? "rounded-br-sm bg-brand-600 text-white"
              : staff
                ? "rounded-bl-sm border border-ink-300 bg-ink-100 text-ink-900"
                : "rounded-bl-sm bg-white text-ink-900"
          }`}
        >
          <RichText text={item.text} />
        </div>
      ) : null}
      {products.length > 0 && !item.streaming ? (
        <ul className="flex max-w-full gap-3 overflow-x-auto pb-1" aria-label="Productos sugeridos">
          {products.map((p) => (
            <li key={p.sku}>
              <ProductCard product={p} onAsk={onAsk} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The text to announce: the newest answer, staff reply or notice, once it is complete. */
function useAnnouncement(items: readonly ChatItem[]): string {
  const [text, setText] = useState("");
  const announced = useRef<string | null>(items.at(-1)?.id ?? null);
  const last = items.at(-1);
  useEffect(() => {
    if (!last || last.kind === "user" || last.streaming || !last.text || announced.current === last.id) return;
    announced.current = last.id;
    setText(last.kind === "staff" ? `Asesor de Sextinvalle: ${last.text}` : last.text);
  }, [last]);
  return text;
}

export function MessageList({
  items,
  typing,
  progress = null,
  busy,
  onAsk,
  after,
}: {
  items: ChatItem[];
  typing: boolean;
  /** What a hosted model is doing before its first words ("Buscando en el catálogo…"). */
  progress?: string | null;
  busy: boolean;
  onAsk: (text: string) => void;
  /** shown below the newest message (the confirmation card) */
  after?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const seen = useRef(items.length);
  const [unseen, setUnseen] = useState(false);
  const announcement = useAnnouncement(items);

  useLayoutEffect(() => {
    const grew = items.length > seen.current;
    // the customer's own message always brings the newest part back into view
    if (grew && items.at(-1)?.kind === "user") pinned.current = true;
    seen.current = items.length;
    if (pinned.current) followNewest(scroller.current, pinned);
    else if (grew) setUnseen(true);
  });

  // photos and cards change heights after render: stay pinned through those too
  useEffect(() => {
    const el = content.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) followNewest(scroller.current, pinned);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        data-testid="chat-log"
        aria-busy={busy}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < PIN_DISTANCE;
          if (pinned.current) setUnseen(false);
        }}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain bg-ink-50/70 px-3 py-4 sm:px-5"
      >
        <div ref={content}>
          {items.length === 0 ? (
            <div className="mx-auto mt-6 max-w-md text-center text-sm text-ink-500">
              <p className="text-base font-medium text-ink-700">¡Hola! Soy el asesor virtual de Sextinvalle.</p>
              <p className="mt-1">
                Pregúntame por cascos, guantes, extintores, arneses… te muestro precios y existencias y te ayudo a hacer
                tu pedido.
              </p>
            </div>
          ) : null}
          <ol className="flex flex-col gap-4" aria-label="Conversación">
            {items.map((item) => (
              <Bubble key={item.id} item={item} onAsk={onAsk} />
            ))}
          </ol>
          {after ? <div className="mt-4">{after}</div> : null}
          {typing ? (
            <p className="mt-3 flex items-center gap-2 text-sm text-ink-500" data-testid="typing">
              <span className="inline-flex gap-1" aria-hidden="true">
                <span className="size-1.5 animate-bounce rounded-full bg-brand-500" />
                <span className="size-1.5 animate-bounce rounded-full bg-brand-500 [animation-delay:120ms]" />
                <span className="size-1.5 animate-bounce rounded-full bg-brand-500 [animation-delay:240ms]" />
              </span>
              {progress ?? "El asesor está escribiendo…"}
            </p>
          ) : null}
        </div>
      </div>
      {unseen ? (
        <button
          type="button"
          onClick={() => {
            pinned.current = true;
            setUnseen(false);
            followNewest(scroller.current, pinned);
          }}
          className="btn-primary absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full px-4 py-1.5 text-xs shadow-lg"
        >
          ↓ Nuevos mensajes
        </button>
      ) : null}
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </p>
    </div>
  );
}
