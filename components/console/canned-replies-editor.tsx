"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteCannedReplyAction, saveCannedReplyAction } from "@/app/(console)/dashboard/canned-replies/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

type Reply = { id: number; shortcut: string; text: string };
type Failure = { message: string; fields?: Record<string, string> } | null;

function ReplyForm({ reply, onSaved }: { reply?: Reply; onSaved?: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Failure>(null);
  const prefix = reply ? `r${reply.id}` : "new";
  return (
    <form
      className="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-start"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const result = await saveCannedReplyAction({
            id: reply?.id,
            shortcut: String(form.get("shortcut") ?? ""),
            text: String(form.get("text") ?? ""),
          });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            if (!reply) (document.getElementById(`${prefix}-shortcut`) as HTMLInputElement | null)?.form?.reset();
            onSaved?.();
            router.refresh();
          }
        }),
      )}
    >
      <div className="sm:col-span-3">
        <FormError message={error && !error.fields ? error.message : null} />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-shortcut`}>
          Atajo
        </label>
        <input
          className="input font-mono"
          id={`${prefix}-shortcut`}
          name="shortcut"
          defaultValue={reply?.shortcut}
          required
          placeholder="horario"
        />
        <FieldError id={`${prefix}-shortcut-error`} message={error?.fields?.shortcut} />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-text`}>
          Texto
        </label>
        <textarea className="input" id={`${prefix}-text`} name="text" rows={2} defaultValue={reply?.text} required />
        <FieldError id={`${prefix}-text-error`} message={error?.fields?.text} />
      </div>
      <button className="btn-primary sm:mt-6" type="submit" disabled={pending}>
        {reply ? "Guardar" : "Agregar"}
      </button>
    </form>
  );
}

export function CannedRepliesEditor({ replies }: { replies: Reply[] }) {
  const router = useRouter();
  return (
    <div className="flex flex-col gap-4">
      <section className="card p-4">
        <h2 className="mb-2 font-semibold">Nueva respuesta rápida</h2>
        <ReplyForm />
      </section>
      <section className="card divide-y divide-ink-50" data-testid="canned-replies">
        {replies.length === 0 ? <p className="p-4 text-sm text-ink-500">Todavía no hay respuestas rápidas.</p> : null}
        {replies.map((r) => (
          <div key={r.id} className="flex flex-col gap-2 p-4" data-shortcut={r.shortcut}>
            <ReplyForm reply={r} />
            <div>
              <ConfirmButton
                label="Eliminar"
                className="btn-secondary text-danger"
                title={`¿Eliminar la respuesta /${r.shortcut}?`}
                description="Nadie podrá insertarla desde la bandeja. No se puede deshacer."
                confirmLabel="Sí, eliminar"
                action={async () => {
                  const result = await deleteCannedReplyAction({ id: r.id });
                  if (!result.ok) return result.error.message;
                  router.refresh();
                  return null;
                }}
              />
            </div>
          </div>
        ))}
      </section>
    </div>
  );
}
