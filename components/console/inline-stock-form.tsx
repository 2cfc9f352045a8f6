"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { adjustStockInlineAction } from "@/app/(console)/dashboard/inventory/actions";
import { FieldError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";
import { formatNumber } from "@/lib/format";

// A row's stock adjustment without leaving the list: closed it is one small button, open a three-field form
// (how, how many, why). The reason is required by the server like on the product page.
export function InlineStockForm({ productId, sku }: { productId: number; sku: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = (field: string) => `stock-${productId}-${field}`;

  function submit(form: FormData) {
    const mode = form.get("mode") === "set" ? "set" : "delta";
    const amount = String(form.get("amount") ?? "");
    const reason = String(form.get("reason") ?? "");
    start(async () => {
      // numbers travel as typed; the action's schema coerces them and answers in Spanish when they are not
      const result =
        mode === "set"
          ? await adjustStockInlineAction({ mode, productId, quantity: amount as unknown as number, reason })
          : await adjustStockInlineAction({ mode, productId, delta: amount as unknown as number, reason });
      if (!result.ok) {
        const fields = result.error.fields ?? {};
        setErrors({ amount: fields.quantity ?? fields.delta ?? "", reason: fields.reason ?? "" });
        setMessage(fields.quantity || fields.delta || fields.reason ? null : result.error.message);
        setDone(null);
        return;
      }
      setErrors({});
      setMessage(null);
      setDone(`${formatNumber(result.data.stockBefore)} → ${formatNumber(result.data.stockAfter)}`);
      router.refresh();
    });
  }

  return (
    <details className="group text-xs" data-testid={`stock-inline-${sku}`}>
      <summary className="cursor-pointer whitespace-nowrap text-brand-700 hover:underline">
        Ajustar<span className="sr-only"> stock de {sku}</span>
      </summary>
      <form onSubmit={onSubmitForm(submit)} className="mt-2 grid w-56 gap-1" noValidate>
        <label className="label" htmlFor={id("mode")}>
          Tipo de ajuste
        </label>
        <select className="input py-1" id={id("mode")} name="mode" defaultValue="delta">
          <option value="delta">Sumar o restar (+/−)</option>
          <option value="set">Cantidad contada</option>
        </select>
        <label className="label" htmlFor={id("amount")}>
          Cantidad
        </label>
        <input
          className="input py-1"
          id={id("amount")}
          name="amount"
          type="number"
          inputMode="numeric"
          aria-describedby={errors.amount ? id("amount-error") : undefined}
          required
        />
        <FieldError id={id("amount-error")} message={errors.amount || undefined} />
        <label className="label" htmlFor={id("reason")}>
          Motivo del ajuste
        </label>
        <input
          className="input py-1"
          id={id("reason")}
          name="reason"
          placeholder="Conteo físico, avería…"
          aria-describedby={errors.reason ? id("reason-error") : undefined}
          required
        />
        <FieldError id={id("reason-error")} message={errors.reason || undefined} />
        {message ? (
          <p role="alert" className="text-danger">
            {message}
          </p>
        ) : null}
        {done ? (
          <p role="status" className="text-ok">
            Stock actualizado: {done}.
          </p>
        ) : null}
        <button className="btn-secondary py-1" type="submit" disabled={pending}>
          {pending ? "Guardando…" : "Guardar ajuste"}
        </button>
      </form>
    </details>
  );
}
