"use client";

import { useLayoutEffect, useRef } from "react";

export type ThreadItem = {
  key: string;
  kind: "message" | "note";
  role: string;
  author: string | null;
  text: string;
  at: string;
  /** formatted on the server (es-CO) */
  when: string;
};

const BUBBLES: Record<string, { label: string; className: string }> = {
  customer: { label: "Cliente", className: "self-start bg-white border border-ink-100" },
  assistant: { label: "Asesor virtual", className: "self-end bg-brand-50" },
  staff: { label: "Asesor", className: "self-end bg-green-50" },
  system: { label: "Aviso", className: "self-center bg-ink-100 text-xs" },
  note: { label: "Nota privada", className: "self-stretch border border-dashed border-amber-300 bg-amber-50" },
};

/**
 * The thread, oldest at the top, opened at the newest message. A new message scrolls into view when the
 * reader is already near the bottom; someone reading older messages is left where they are.
 */
export function ConversationThread({ items }: { items: ThreadItem[] }) {
  const box = useRef<HTMLOListElement>(null);
  const first = useRef(true);
  const lastKey = items.at(-1)?.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again when the newest message changes
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 160;
    if (first.current || nearBottom) el.scrollTop = el.scrollHeight;
    first.current = false;
  }, [lastKey]);
  return (
    <ol
      ref={box}
      className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto pr-1"
      data-testid="conversation-messages"
      aria-label="Mensajes"
    >
      {items.map((m) => {
        const bubble = BUBBLES[m.kind === "note" ? "note" : m.role] ?? { label: m.role, className: "bg-white" };
        return (
          <li
            key={m.key}
            className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${bubble.className}`}
            data-role={m.kind === "note" ? "note" : m.role}
          >
            <p className="mb-0.5 text-xs text-ink-500">
              {m.kind === "note" ? `Nota privada de ${m.author ?? "el equipo"}` : (m.author ?? bubble.label)} ·{" "}
              <time dateTime={m.at}>{m.when}</time>
            </p>
            <p className="whitespace-pre-wrap">{m.text}</p>
          </li>
        );
      })}
    </ol>
  );
}
