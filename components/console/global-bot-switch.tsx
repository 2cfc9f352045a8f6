"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setGlobalBotAction } from "@/app/(console)/dashboard/conversations/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

export function GlobalBotSwitch({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const result = await setGlobalBotAction({ enabled: !enabled, reason: String(form.get("reason") ?? "") });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            router.refresh();
          }
        }),
      )}
    >
      <div className="min-w-64 flex-1">
        <label className="label" htmlFor="bot-reason">
          {enabled ? "Motivo para apagar el asesor virtual en todos los chats" : "Nota (opcional)"}
        </label>
        <input className="input" id="bot-reason" name="reason" />
        <FieldError id="bot-reason-error" message={error?.fields?.reason} />
      </div>
      <button className={enabled ? "btn-danger" : "btn-primary"} type="submit" disabled={pending}>
        {enabled ? "Apagar asesor virtual" : "Encender asesor virtual"}
      </button>
      <div className="w-full">
        <FormError message={error && !error.fields ? error.message : null} />
      </div>
    </form>
  );
}
