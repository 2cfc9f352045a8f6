"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import {
  addNoteAction,
  releaseAction,
  staffReplyAction,
  takeOverAction,
  transferAction,
} from "@/app/(console)/dashboard/conversations/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field-error";

type Canned = { shortcut: string; text: string };
type Staff = { id: number; name: string };
type Result = { ok: boolean; error?: { message: string } };

/** The canned replies whose shortcut starts with what follows a leading "/". */
export function cannedMatches(value: string, replies: readonly Canned[]): Canned[] {
  const m = /^\/([\w-]*)$/.exec(value.trimStart());
  if (!m) return [];
  const typed = (m[1] ?? "").toLowerCase();
  return replies.filter((r) => r.shortcut.startsWith(typed)).slice(0, 8);
}

/**
 * The composer pinned under the thread: take over, reply to the customer or write a private note, insert a
 * canned reply with "/", transfer to a colleague, hand back to the bot (asks first).
 */
export function TakeoverControls({
  chatId,
  botEnabled,
  canTakeOver,
  canned = [],
  staff = [],
  attendingId = null,
}: {
  chatId: string;
  botEnabled: boolean;
  canTakeOver: boolean;
  canned?: Canned[];
  staff?: Staff[];
  attendingId?: number | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<"reply" | "note">(botEnabled ? "note" : "reply");
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const matches = cannedMatches(text, canned);

  const run = (fn: () => Promise<Result>, after?: () => void) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) setError(result.error?.message ?? "No se pudo completar la acción.");
      else {
        setError(null);
        after?.();
        router.refresh();
      }
    });

  if (!canTakeOver) {
    return <p className="text-sm text-ink-500">Solo lectura: tu rol no puede tomar conversaciones.</p>;
  }
  const replying = mode === "reply" && !botEnabled;
  const insert = (reply: Canned) => {
    setText(reply.text);
    setActive(0);
    input.current?.focus();
  };
  const send = () => {
    if (!text.trim()) return;
    run(
      () => (replying ? staffReplyAction({ chatId, text }) : addNoteAction({ chatId, text })),
      () => setText(""),
    );
  };

  return (
    <div className="flex shrink-0 flex-col gap-2 border-t border-ink-100 pt-3" data-testid="composer">
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-2">
        {botEnabled ? (
          <button
            className="btn-primary"
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => takeOverAction({ chatId, reason: "" }),
                () => setMode("reply"),
              )
            }
          >
            Tomar conversación
          </button>
        ) : (
          <div role="tablist" aria-label="Tipo de mensaje" className="flex gap-1">
            {(["reply", "note"] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                className={`rounded-lg px-3 py-1 text-sm font-medium ${
                  mode === m ? (m === "note" ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-700") : ""
                }`}
                onClick={() => setMode(m)}
              >
                {m === "reply" ? "Responder al cliente" : "Nota privada"}
              </button>
            ))}
          </div>
        )}
        {!botEnabled && staff.length > 0 ? (
          <label className="ml-auto flex items-center gap-1 text-sm">
            <span className="text-ink-500">Transferir a</span>
            <select
              className="input w-44"
              aria-label="Transferir a"
              value=""
              disabled={pending}
              onChange={(e) => {
                const toUserId = Number(e.target.value);
                if (toUserId) run(() => transferAction({ chatId, toUserId }));
              }}
            >
              <option value="">Elegir…</option>
              {staff
                .filter((s) => s.id !== attendingId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
      </div>
      {botEnabled ? (
        <p className="text-xs text-ink-500">
          El asesor virtual se pausa y el cliente ve quién lo atiende. Mientras tanto puedes dejar notas privadas.
        </p>
      ) : null}
      <div className="relative">
        {matches.length > 0 ? (
          <ul
            data-testid="canned-suggestions"
            className="absolute bottom-full mb-1 max-h-56 w-full overflow-y-auto rounded-lg border border-ink-100 bg-white shadow"
          >
            {matches.map((r, i) => (
              <li key={r.shortcut}>
                <button
                  type="button"
                  aria-current={i === active ? "true" : undefined}
                  className={`block w-full px-3 py-2 text-left text-sm ${i === active ? "bg-brand-50" : ""}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(r)}
                >
                  <span className="font-mono text-brand-700">/{r.shortcut}</span>{" "}
                  <span className="text-ink-500">{r.text.slice(0, 80)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <label className="sr-only" htmlFor="staff-reply">
          {replying ? "Responder al cliente" : "Nota privada para el equipo"}
        </label>
        <textarea
          ref={input}
          id="staff-reply"
          name="text"
          rows={3}
          className={`input ${replying ? "" : "bg-amber-50"}`}
          placeholder={
            replying ? "Escribe tu respuesta… (/ para respuestas rápidas)" : "Nota privada: el cliente no la ve"
          }
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (matches.length > 0) {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
                return;
              }
              if (e.key === "Enter" || e.key === "Tab") {
                e.preventDefault();
                const chosen = matches[active];
                if (chosen) insert(chosen);
                return;
              }
            }
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              send();
            }
          }}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button className={replying ? "btn-primary" : "btn-secondary"} type="button" disabled={pending} onClick={send}>
          {replying ? "Enviar" : "Guardar nota"}
        </button>
        {!botEnabled ? (
          <ConfirmButton
            label="Devolver al bot"
            title="¿Devolver la conversación al asesor virtual?"
            description="El asesor virtual responderá el próximo mensaje del cliente y nadie del equipo la atenderá."
            confirmLabel="Sí, devolver al bot"
            action={async () => {
              const result = await releaseAction({ chatId, reason: "" });
              if (!result.ok) return result.error.message;
              router.refresh();
              return null;
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
