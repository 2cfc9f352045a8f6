"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveCompanyInfoAction } from "@/app/(console)/dashboard/company/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

export function CompanyEditor({ content, version }: { content: string; version: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const result = await saveCompanyInfoAction({
            content: String(form.get("content") ?? ""),
            expectedVersion: version,
          });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            setSaved(result.data.version);
            router.refresh();
          }
        }),
      )}
    >
      <FormError message={error?.message} />
      {saved ? (
        <p role="status" className="text-sm text-ok">
          Guardado como versión {saved}. El asesor ya usa este texto.
        </p>
      ) : null}
      <label className="label" htmlFor="company-content">
        Información de la empresa (Markdown)
      </label>
      <textarea
        className="input min-h-96 font-mono text-xs"
        id="company-content"
        name="content"
        defaultValue={content}
      />
      <FieldError id="company-content-error" message={error?.fields?.content} />
      <div>
        <button className="btn-primary" type="submit" disabled={pending}>
          Guardar nueva versión
        </button>
      </div>
    </form>
  );
}
