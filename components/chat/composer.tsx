"use client";
import { type FormEvent, type RefObject, useState } from "react";
import { formatNumber } from "@/lib/format";

// The message box: always at the bottom of the chat; a counter appears near the limit, and a longer
// message is kept whole (never cut silently) with an explanation until the customer shortens it.
export const MESSAGE_LIMIT = 1000;
const COUNTER_FROM = 800;

export function Composer({
  disabled,
  onSend,
  inputRef,
  hint,
}: {
  disabled: boolean;
  onSend: (text: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  hint?: string | null;
}) {
  const [text, setText] = useState("");
  const length = text.length;
  const over = length > MESSAGE_LIMIT;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value || disabled || over) return;
    onSend(value);
    setText("");
  };
  return (
    <form onSubmit={submit} className="shrink-0 border-t border-ink-100 bg-white px-3 pt-2 pb-3">
      {over ? (
        <p id="composer-hint" data-testid="composer-hint" role="status" className="mb-2 text-xs text-danger">
          Tu mensaje supera el límite de {formatNumber(MESSAGE_LIMIT)} caracteres: acórtalo o envíalo en dos partes.
        </p>
      ) : hint ? (
        <p id="composer-hint" className="mb-2 text-xs text-ink-700">
          {hint}
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <label htmlFor="chat-input" className="sr-only">
          Escribe tu mensaje
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          rows={1}
          value={text}
          aria-describedby={over || hint ? "composer-hint" : undefined}
          aria-invalid={over || undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
          }}
          placeholder="Escribe tu mensaje… (p. ej. ¿tienen guantes para soldar?)"
          className="input max-h-32 min-h-11 resize-none [field-sizing:content]"
        />
        <button type="submit" className="btn-primary h-11 shrink-0" disabled={disabled || text.trim() === "" || over}>
          Enviar
        </button>
      </div>
      {length >= COUNTER_FROM ? (
        <p
          data-testid="composer-counter"
          className={`mt-1 text-right text-xs tabular-nums ${over ? "font-semibold text-danger" : "text-ink-500"}`}
        >
          {formatNumber(length)} / {formatNumber(MESSAGE_LIMIT)}
        </p>
      ) : null}
    </form>
  );
}
