"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { releaseAction, staffReplyAction, takeOverAction } from "@/app/(console)/dashboard/conversations/actions";
import { FormError } from "@/components/ui/field-error";

export function TakeoverControls({
  chatId,
  botEnabled,
  canTakeOver,
}: {
  chatId: string;
  botEnabled: boolean;
  canTakeOver: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const run = (fn: () => Promise<{ ok: boolean; error?: { message: string } }>, after?: () => void) =>
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
  if (botEnabled) {
    return (
      <div className="flex flex-col gap-2">
        <FormError message={error} />
        <button
          className="btn-primary"
          type="button"
          disabled={pending}
          onClick={() => run(() => takeOverAction({ chatId, reason: "" }))}
        >
          Tomar conversación
        </button>
        <p className="text-xs text-ink-500">El asesor virtual se pausa y el cliente ve que una persona lo atiende.</p>
      </div>
    );
  }
  return (
    <form
      className="flex flex-col gap-2"
      action={(form) => {
        const text = String(form.get("text") ?? "");
        run(
          () => staffReplyAction({ chatId, text }),
          () => {
            if (input.current) input.current.value = "";
          },
        );
      }}
    >
      <FormError message={error} />
      <label className="label" htmlFor="staff-reply">
        Responder al cliente
      </label>
      <textarea
        ref={input}
        id="staff-reply"
        name="text"
        rows={3}
        className="input"
        placeholder="Escribe tu respuesta…"
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <div className="flex flex-wrap gap-2">
        <button className="btn-primary" type="submit" disabled={pending}>
          Enviar
        </button>
        <button
          className="btn-secondary"
          type="button"
          disabled={pending}
          onClick={() => run(() => releaseAction({ chatId, reason: "" }))}
        >
          Devolver al bot
        </button>
      </div>
    </form>
  );
}
