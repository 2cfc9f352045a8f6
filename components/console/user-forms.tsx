"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  changeUserRoleAction,
  createUserAction,
  resetPasswordAction,
  setUserActiveAction,
} from "@/app/(console)/dashboard/users/actions";
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
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        className="input w-36 py-1"
        aria-label="Rol"
        defaultValue={role}
        disabled={self || pending}
        onChange={(e) => run(() => changeUserRoleAction({ id, role: e.target.value as "ventas" }))}
      >
        {ROLE_OPTIONS.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={active ? "btn-danger px-3 py-1" : "btn-secondary px-3 py-1"}
        disabled={self || pending}
        onClick={() => run(() => setUserActiveAction({ id, active: !active }))}
      >
        {active ? "Desactivar" : "Activar"}
      </button>
      <button
        type="button"
        className="btn-secondary px-3 py-1"
        disabled={pending}
        onClick={() => {
          const password = window.prompt("Nueva contraseña (mínimo 12 caracteres, letras y números):");
          if (password) run(() => resetPasswordAction({ id, password }), "Contraseña restablecida.");
        }}
      >
        Restablecer contraseña
      </button>
      {error ? <span className="text-xs text-danger">{error}</span> : null}
      {notice ? <span className="text-xs text-ok">{notice}</span> : null}
    </div>
  );
}
