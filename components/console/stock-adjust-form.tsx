"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { adjustStockAction } from "@/app/(console)/dashboard/inventory/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";
import { formatNumber } from "@/lib/format";

export function StockAdjustForm({ productId }: { productId: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function submit(form: FormData) {
    start(async () => {
      const result = await adjustStockAction({
        productId,
        delta: String(form.get("delta") ?? "") as unknown as number,
        reason: String(form.get("reason") ?? ""),
      });
      if (!result.ok) {
        setErrors(result.error.fields ?? {});
        setMessage(result.error.message);
        setDone(null);
        return;
      }
      setErrors({});
      setMessage(null);
      setDone(`Stock actualizado: ${formatNumber(result.data.stockBefore)} → ${formatNumber(result.data.stockAfter)}.`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmitForm(submit)} className="flex flex-col gap-2" noValidate>
      <FormError message={message} />
      {done ? (
        <p role="status" className="text-sm text-ok">
          {done}
        </p>
      ) : null}
      <div>
        <label className="label" htmlFor="stock-delta">
          Cantidad (+ entrada, − salida)
        </label>
        <input className="input" id="stock-delta" name="delta" type="number" inputMode="numeric" required />
        <FieldError id="stock-delta-error" message={errors.delta} />
      </div>
      <div>
        <label className="label" htmlFor="stock-reason">
          Motivo
        </label>
        <input
          className="input"
          id="stock-reason"
          name="reason"
          placeholder="Conteo físico, avería, compra…"
          required
        />
        <FieldError id="stock-reason-error" message={errors.reason} />
      </div>
      <button className="btn-secondary" type="submit" disabled={pending}>
        {pending ? "Registrando…" : "Registrar ajuste"}
      </button>
    </form>
  );
}
