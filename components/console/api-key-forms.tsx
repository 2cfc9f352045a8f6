"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(console)/dashboard/api-keys/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

export function CreateApiKeyForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={onSubmitForm((form) =>
          start(async () => {
            const result = await createApiKeyAction({
              name: String(form.get("name") ?? ""),
              role: String(form.get("role") ?? "") as "ventas",
            });
            if (!result.ok) {
              setError(result.error);
              setCreated(null);
            } else {
              setError(null);
              setCreated(result.data.key);
              router.refresh();
            }
          }),
        )}
      >
        <div>
          <label className="label" htmlFor="key-name">
            Nombre
          </label>
          <input className="input" id="key-name" name="name" placeholder="Integración ERP" />
          <FieldError id="key-name-error" message={error?.fields?.name} />
        </div>
        <div>
          <label className="label" htmlFor="key-role">
            Rol
          </label>
          <select className="input" id="key-role" name="role" defaultValue="gerente">
            <option value="ventas">Ventas</option>
            <option value="gerente">Gerente</option>
            <option value="admin">Administrador</option>
          </select>
        </div>
        <button className="btn-primary" type="submit" disabled={pending}>
          Crear clave
        </button>
      </form>
      <FormError message={error && !error.fields ? error.message : null} />
      {created ? (
        <div className="rounded-lg border border-warn bg-amber-50 p-3 text-sm" role="status">
          <p className="mb-1 font-medium">Copia la clave ahora: no se volverá a mostrar.</p>
          <code className="block break-all font-mono" data-testid="new-api-key">
            {created}
          </code>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeApiKeyButton({ id }: { id: number }) {
  const router = useRouter();
  // a real dialog, as every destructive action in the console: an error stays in it with the message
  return (
    <ConfirmButton
      label="Revocar"
      className="btn-danger px-3 py-1"
      title="¿Revocar esta clave?"
      description="Las integraciones que la usen dejarán de funcionar. No se puede deshacer."
      confirmLabel="Sí, revocar"
      action={async () => {
        const result = await revokeApiKeyAction({ id });
        if (!result.ok) return result.error.message;
        router.refresh();
        return null;
      }}
    />
  );
}
