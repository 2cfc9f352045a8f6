"use client";

import { useActionState } from "react";
import { type LoginState, loginAction } from "./actions";

export function LoginForm({ callbackUrl, expired }: { callbackUrl: string; expired: boolean }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { error: null, email: "" });
  return (
    <form action={action} className="card flex flex-col gap-4 p-6" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {expired && !state.error ? (
        <p className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
          Tu sesión terminó. Inicia sesión de nuevo para continuar.
        </p>
      ) : null}
      {state.error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-danger" data-testid="login-error">
          {state.error}
        </p>
      ) : null}
      <div>
        <label className="label" htmlFor="email">
          Correo
        </label>
        <input
          className="input"
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
        />
      </div>
      <div>
        <label className="label" htmlFor="password">
          Contraseña
        </label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <button className="btn-primary" type="submit" disabled={pending}>
        {pending ? "Ingresando…" : "Ingresar"}
      </button>
    </form>
  );
}
