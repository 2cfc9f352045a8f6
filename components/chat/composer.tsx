"use client";
import { type FormEvent, useState } from "react";

const MAX = 1000;

export function Composer({ disabled, onSend }: { disabled: boolean; onSend: (text: string) => void }) {
  const [text, setText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value || disabled) return;
    onSend(value);
    setText("");
  };
  return (
    <form onSubmit={submit} className="flex items-end gap-2 border-t border-ink-100 bg-white p-3">
      <label htmlFor="chat-input" className="sr-only">
        Escribe tu mensaje
      </label>
      <textarea
        id="chat-input"
        rows={1}
        maxLength={MAX}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) submit(e);
        }}
        placeholder="Escribe tu mensaje… (p. ej. ¿tienen guantes para soldar?)"
        className="input max-h-32 min-h-[2.75rem] resize-none"
      />
      <button type="submit" className="btn-primary h-11" disabled={disabled || text.trim() === ""}>
        Enviar
      </button>
    </form>
  );
}
