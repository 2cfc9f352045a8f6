"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelOrderAction } from "@/app/(console)/dashboard/orders/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

export function CancelOrderForm({ orderId, closed }: { orderId: number; closed: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={onSubmitForm((form) =>
        start(async () => {
          const result = await cancelOrderAction({ id: orderId, reason: String(form.get("reason") ?? "") });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            router.refresh();
          }
        }),
      )}
    >
      <FormError message={error?.message} />
      <label className="label" htmlFor="cancel-reason">
        Motivo de la cancelación
      </label>
      <input className="input" id="cancel-reason" name="reason" required />
      <FieldError id="cancel-reason-error" message={error?.fields?.reason} />
      <p className="text-xs text-ink-500">
        {closed ? "Las unidades vuelven al inventario." : "El carrito no había descontado inventario."}
      </p>
      <button className="btn-danger" type="submit" disabled={pending}>
        {pending ? "Cancelando…" : "Cancelar pedido"}
      </button>
    </form>
  );
}
