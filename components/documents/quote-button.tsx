"use client";
import { useState } from "react";
import { formatDate } from "@/lib/format";

// "Cotización PDF" on the console's order page: a numbered formal quote of this order, opened at once.
type Created = { numero: string; url: string; valida_hasta: string };

export function OrderQuoteButton({ orderId }: { orderId: number }) {
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = async () => {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/console/orders/${orderId}/quote`, { method: "POST" });
      const body = (await res.json()) as Created & { error?: { message?: string } };
      if (!res.ok) {
        setError(body.error?.message ?? "No pudimos generar la cotización.");
        return;
      }
      setCreated(body);
      window.location.assign(body.url);
    } catch {
      setError("No pudimos conectar con el servidor. Intenta de nuevo.");
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="flex flex-col items-end gap-1">
      <button type="button" className="btn-secondary" onClick={() => void request()} disabled={pending}>
        {pending ? "Generando…" : "Cotización PDF"}
      </button>
      {created ? (
        <a className="text-xs text-brand-700 underline" href={created.url} data-testid="order-quote-link">
          {created.numero} · válida hasta {formatDate(created.valida_hasta)}
        </a>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
