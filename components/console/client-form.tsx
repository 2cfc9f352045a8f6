"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateClientAction } from "@/app/(console)/dashboard/clients/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

const FIELDS = [
  ["name", "Nombre"],
  ["phone", "Celular"],
  ["email", "Correo"],
  ["address", "Dirección"],
  ["city", "Ciudad"],
  ["neighborhood", "Barrio"],
  ["notes", "Notas"],
] as const;

type Contact = Record<(typeof FIELDS)[number][0], string | null>;

export function ClientForm({ id, initial, disabled }: { id: number; initial: Contact; disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const contact = Object.fromEntries(FIELDS.map(([k]) => [k, String(form.get(k) ?? "")])) as Record<
            string,
            string
          >;
          const result = await updateClientAction({ id, contact: contact as never });
          setSaved(result.ok);
          if (!result.ok) {
            setMessage(result.error.message);
            setErrors(result.error.fields ?? {});
          } else {
            setMessage(null);
            setErrors({});
            router.refresh();
          }
        }),
      )}
    >
      <div className="sm:col-span-2">
        <FormError message={message} />
        {saved ? (
          <p role="status" className="text-sm text-ok">
            Datos de contacto guardados.
          </p>
        ) : null}
      </div>
      {FIELDS.map(([name, label]) => {
        const error = errors[`contact.${name}`];
        return (
          <div key={name} className={name === "notes" || name === "address" ? "sm:col-span-2" : undefined}>
            <label className="label" htmlFor={`client-${name}`}>
              {label}
            </label>
            <input
              className={`input ${error ? "border-danger" : ""}`}
              id={`client-${name}`}
              name={name}
              defaultValue={initial[name] ?? ""}
              disabled={disabled}
            />
            <FieldError id={`client-${name}-error`} message={error} />
          </div>
        );
      })}
      {disabled ? null : (
        <div>
          <button className="btn-primary" type="submit" disabled={pending}>
            Guardar contacto
          </button>
        </div>
      )}
    </form>
  );
}
