"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addOrderCommentAction, advanceFulfilmentAction } from "@/app/(console)/dashboard/orders/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";
import { FULFILMENT_ACTION_LABELS, type FulfilmentAction } from "@/lib/domain/fulfilment";

type Failure = { message: string; fields?: Record<string, string> } | null;

/** The next after-sale step of a sold order (one button; dispatch asks for carrier and tracking number). */
export function FulfilmentPanel({ orderId, next }: { orderId: number; next: FulfilmentAction["type"][] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Failure>(null);
  const submit = (action: FulfilmentAction, note: string) =>
    start(async () => {
      const result = await advanceFulfilmentAction({ id: orderId, action, note });
      if (!result.ok) setError(result.error);
      else {
        setError(null);
        router.refresh();
      }
    });
  if (next.length === 0) return <p className="text-sm text-ink-500">Este pedido no tiene más pasos de entrega.</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="fulfilment-panel">
      <FormError message={error?.message} />
      {next.map((type) => (
        <form
          key={type}
          className="flex flex-col gap-2"
          onSubmit={onSubmitForm((form) => {
            const note = String(form.get("note") ?? "");
            if (type === "dispatch") {
              submit(
                {
                  type,
                  carrier: String(form.get("carrier") ?? ""),
                  trackingNumber: String(form.get("tracking") ?? ""),
                },
                note,
              );
            } else submit({ type }, note);
          })}
        >
          {type === "dispatch" ? (
            <>
              <label className="label" htmlFor="carrier">
                Transportadora
              </label>
              <input className="input" id="carrier" name="carrier" required list="carriers" />
              <datalist id="carriers">
                <option value="Servientrega" />
                <option value="Coordinadora" />
                <option value="Interrapidísimo" />
                <option value="Envía" />
                <option value="TCC" />
                <option value="Entrega propia" />
              </datalist>
              <FieldError id="carrier-error" message={error?.fields?.["action.carrier"]} />
              <label className="label" htmlFor="tracking">
                Número de guía
              </label>
              <input className="input" id="tracking" name="tracking" required />
              <FieldError id="tracking-error" message={error?.fields?.["action.trackingNumber"]} />
            </>
          ) : null}
          <label className="label" htmlFor={`note-${type}`}>
            Nota (opcional)
          </label>
          <input className="input" id={`note-${type}`} name="note" maxLength={300} />
          <button className="btn-primary" type="submit" disabled={pending}>
            {FULFILMENT_ACTION_LABELS[type]}
          </button>
        </form>
      ))}
    </div>
  );
}

export function OrderCommentForm({ orderId }: { orderId: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<Failure>(null);
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={onSubmitForm((form) => {
        const text = String(form.get("text") ?? "");
        start(async () => {
          const result = await addOrderCommentAction({ id: orderId, text });
          if (!result.ok) setError(result.error);
          else {
            setError(null);
            (document.getElementById("order-comment") as HTMLTextAreaElement | null)?.form?.reset();
            router.refresh();
          }
        });
      })}
    >
      <FormError message={error?.message} />
      <label className="label" htmlFor="order-comment">
        Comentario para el equipo
      </label>
      <textarea className="input" id="order-comment" name="text" rows={2} required maxLength={1000} />
      <button className="btn-secondary self-start" type="submit" disabled={pending}>
        Agregar comentario
      </button>
    </form>
  );
}
