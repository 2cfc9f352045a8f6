"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  changeUserRoleAction,
  createUserAction,
  resetPasswordAction,
  setUserActiveAction,
} from "@/app/(console)/dashboard/users/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

const ROLE_OPTIONS = [
  ["ventas", "Ventas"],
  ["gerente", "Gerente"],
  ["admin", "Administrador"],
] as const;

type Failure = { message: string; fields?: Record<string, string> } | null;

export function CreateUserForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Failure>(null);
  return (
    <form
      className="grid gap-2 sm:grid-cols-5"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const text = (k: string) => String(form.get(k) ?? "");
          const result = await createUserAction({
            email: text("email"),
            name: text("name"),
            role: text("role") as "ventas",
            password: text("password"),
          });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            router.refresh();
          }
        }),
      )}
    >
      <div className="sm:col-span-5">
        <FormError message={error?.message} />
      </div>
      {(
        [
          ["name", "Nombre", "text"],
          ["email", "Correo", "email"],
          ["password", "Contraseña inicial", "password"],
        ] as const
      ).map(([name, label, type]) => (
        <div key={name}>
          <label className="label" htmlFor={`new-user-${name}`}>
            {label}
          </label>
          <input className="input" id={`new-user-${name}`} name={name} type={type} autoComplete="off" />
          <FieldError id={`new-user-${name}-error`} message={error?.fields?.[name]} />
        </div>
      ))}
      <div>
        <label className="label" htmlFor="new-user-role">
          Rol
        </label>
        <select className="input" id="new-user-role" name="role" defaultValue="ventas">
          {ROLE_OPTIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end">
        <button className="btn-primary w-full" type="submit" disabled={pending}>
          Crear usuario
        </button>
      </div>
    </form>
  );
}

export function UserRowControls({
  id,
  role,
  active,
  self,
}: {
  id: number;
  role: string;
  active: boolean;
  self: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = (
    fn: () => Promise<{ ok: boolean; error?: { message: string; fields?: Record<string, string> } }>,
    done?: string,
  ) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) setError(Object.values(result.error?.fields ?? {})[0] ?? result.error?.message ?? "Error");
      else {
        setError(null);
        setNotice(done ?? null);
        router.refresh();
      }
    });
  // each change asks first in a dialog; an error keeps the dialog open with the message
  const ask = async (
    fn: () => Promise<{ ok: boolean; error?: { message: string; fields?: Record<string, string> } }>,
    done?: string,
  ): Promise<string | null> => {
    const result = await fn();
    if (!result.ok) return Object.values(result.error?.fields ?? {})[0] ?? result.error?.message ?? "Error";
    setError(null);
    setNotice(done ?? null);
    router.refresh();
    return null;
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm">{ROLE_OPTIONS.find(([v]) => v === role)?.[1] ?? role}</span>
      {self ? null : (
        <ConfirmButton
          label="Cambiar rol"
          className="btn-secondary px-3 py-1"
          title="¿Cambiar el rol de este usuario?"
          description="Sus permisos cambian desde su próxima página."
          confirmLabel="Cambiar rol"
          tone="primary"
          action={(form) =>
            ask(() => changeUserRoleAction({ id, role: String(form.get("role")) as "ventas" }), "Rol cambiado.")
          }
        >
          <label className="label" htmlFor={`role-${id}`}>
            Nuevo rol
          </label>
          <select className="input" id={`role-${id}`} name="role" defaultValue={role}>
            {ROLE_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </ConfirmButton>
      )}
      {self ? null : active ? (
        <ConfirmButton
          label="Desactivar"
          className="btn-danger px-3 py-1"
          title="¿Desactivar este usuario?"
          description="No podrá ingresar y sus sesiones abiertas se cierran."
          confirmLabel="Sí, desactivar"
          action={() => ask(() => setUserActiveAction({ id, active: false }))}
        />
      ) : (
        <button
          type="button"
          className="btn-secondary px-3 py-1"
          disabled={pending}
          onClick={() => run(() => setUserActiveAction({ id, active: true }))}
        >
          Activar
        </button>
      )}
      <ConfirmButton
        label="Restablecer contraseña"
        className="btn-secondary px-3 py-1"
        title="Restablecer la contraseña"
        description="Sus sesiones abiertas se cierran; comunícale la nueva contraseña por un canal seguro."
        confirmLabel="Restablecer"
        tone="primary"
        action={(form) =>
          ask(
            () => resetPasswordAction({ id, password: String(form.get("password") ?? "") }),
            "Contraseña restablecida.",
          )
        }
      >
        <label className="label" htmlFor={`password-${id}`}>
          Nueva contraseña (mínimo 12 caracteres, letras y números)
        </label>
        <input
          className="input"
          id={`password-${id}`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      </ConfirmButton>
      {error ? <span className="text-xs text-danger">{error}</span> : null}
      {notice ? <span className="text-xs text-ok">{notice}</span> : null}
    </div>
  );
}
