"use client";
import { ProductPhoto } from "@/components/products/product-photo";
import type { ChatState } from "@/lib/chat/ui-types";
import { formatCop, formatDate } from "@/lib/format";
import { QuoteButton } from "./quote-button";

// "Tu pedido": the conversation's order as the database has it (a confirmed order stays until the customer
// starts a new conversation), its earlier orders and the formal quote. A side panel on desktop, the content of
// the bottom sheet on a phone.
const STEPS = [
  { state: "pendiente", label: "Productos" },
  { state: "recolectando_datos", label: "Tus datos" },
  { state: "listo_para_finalizar", label: "Confirmar" },
  { state: "cerrada", label: "Pedido hecho" },
] as const;

export const STATE_LABEL: Record<string, string> = {
  iniciada: "Sin productos",
  pendiente: "Armando el pedido",
  recolectando_datos: "Faltan tus datos",
  listo_para_finalizar: "Listo para confirmar",
  cerrada: "Pedido confirmado",
  cancelada: "Pedido cancelado",
};

export function CartContent({
  chatId,
  state,
  titleId,
  onQuote,
}: {
  chatId: string;
  state: ChatState | null;
  titleId: string;
  onQuote: () => void;
}) {
  const order = state?.order ?? null;
  const current = STEPS.findIndex((s) => s.state === order?.state);
  const lines = order?.lines ?? [];
  return (
    <div className="flex flex-col gap-3" data-testid="cart-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold text-ink-900">
          Tu pedido
        </h2>
        <span className="text-xs font-medium text-brand-700" data-testid="cart-state">
          {order ? (STATE_LABEL[order.state] ?? order.state) : "Vacío"}
        </span>
      </div>
      <ol className="flex gap-1" aria-label="Avance del pedido">
        {STEPS.map((step, i) => (
          <li
            key={step.state}
            aria-current={i === current ? "step" : undefined}
            className={`flex-1 rounded-full py-1 text-center text-[11px] font-medium ${
              i <= current ? "bg-brand-600 text-white" : "bg-ink-100 text-ink-700"
            }`}
          >
            {step.label}
          </li>
        ))}
      </ol>
      {order && lines.length > 0 ? (
        <>
          <ul className="divide-y divide-ink-100 text-sm">
            {lines.map((line) => (
              <li key={`${line.sku}-${line.name}`} className="flex items-start gap-3 py-2">
                <ProductPhoto src={line.thumb} name={line.name} size="thumb" />
                <span className="min-w-0 flex-1 text-ink-700">
                  <span className="font-medium text-ink-900">{line.quantity} ×</span> {line.name}
                  <span className="block text-xs text-ink-500">
                    {line.sku ? (
                      <>
                        <span data-nowrap className="whitespace-nowrap font-mono">
                          {line.sku}
                        </span>{" "}
                        ·{" "}
                      </>
                    ) : null}
                    <span data-nowrap className="whitespace-nowrap">
                      {formatCop(line.unitPrice)}
                    </span>{" "}
                    c/u
                  </span>
                </span>
                <span data-nowrap className="shrink-0 whitespace-nowrap font-medium">
                  {formatCop(line.subtotal)}
                </span>
              </li>
            ))}
          </ul>
          <p className="flex justify-between border-t border-ink-100 pt-2 text-base font-semibold">
            <span>Total</span>
            <span data-testid="cart-total" data-nowrap className="whitespace-nowrap">
              {formatCop(order.total)}
            </span>
          </p>
          <p className="text-xs text-ink-500">Precios con IVA incluido.</p>
          {order.state === "cerrada" ? (
            <p role="status" className="rounded-lg bg-green-50 p-2 text-sm text-ok">
              Pedido{" "}
              <span data-order-number data-nowrap className="whitespace-nowrap font-semibold">
                {order.number}
              </span>{" "}
              confirmado. Te contactaremos para coordinar la entrega.
            </p>
          ) : null}
          {order.state !== "cancelada" ? (
            <QuoteButton chatId={chatId} quote={state?.quote ?? null} onCreated={onQuote} />
          ) : null}
        </>
      ) : (
        <p className="text-sm text-ink-500">Pídele al asesor los productos que necesitas y aparecerán aquí.</p>
      )}
      {state && state.earlierOrders.length > 0 ? (
        <div className="border-t border-ink-100 pt-2">
          <h3 className="text-sm font-medium text-ink-900">Pedidos anteriores en esta conversación</h3>
          <ul className="mt-1 text-xs text-ink-700">
            {state.earlierOrders.map((o) => (
              <li key={o.number} className="flex justify-between gap-2 py-0.5">
                <span data-nowrap className="whitespace-nowrap">
                  {o.number} · {formatDate(o.at)}
                </span>
                <span data-nowrap className="whitespace-nowrap">
                  {formatCop(o.total)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
