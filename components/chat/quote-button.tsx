"use client";
import { useState } from "react";
import type { ChatState } from "@/lib/chat/ui-types";
import { formatDate } from "@/lib/format";
import { errorMessageOf } from "./stream";

// "Descargar cotización": the current cart as a formal quote (numbered PDF, expiring link), downloaded at once.
type Created = { numero: string; url: string; valida_hasta: string };

function download(url: string) {
  const a = document.createElement("a");
  a.href = url;
  a.rel = "noopener";
  a.download = "";
  document.body.append(a);
  a.click();
  a.remove();
}

export function QuoteButton({
  chatId,
  quote,
  onCreated,
}: {
  chatId: string;
  quote: ChatState["quote"];
  onCreated: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const shown = created
    ? { number: created.numero, validUntil: created.valida_hasta }
    : quote
      ? { number: quote.number, validUntil: quote.validUntil }
      : null;
  const request = async () => {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/chat/${chatId}/quote`, { method: "POST" });
      if (!res.ok) {
        setError(await errorMessageOf(res));
        return;
      }
      const body = (await res.json()) as Created;
      setCreated(body);
      download(body.url);
      onCreated();
    } catch {
      setError("No pudimos preparar la cotización. Revisa tu conexión e intenta de nuevo.");
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-1">
      <button type="button" className="btn-secondary w-full" onClick={() => void request()} disabled={pending}>
        {pending ? "Preparando cotización…" : "Descargar cotización"}
      </button>
      {shown ? (
        <p className="text-xs text-ink-700" data-testid="quote-info">
          Cotización{" "}
          <span data-nowrap className="whitespace-nowrap">
            {shown.number}
          </span>{" "}
          · válida hasta {formatDate(shown.validUntil)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
