import type { TurnData } from "@/lib/chat/ui-types";
import { formatCop } from "@/lib/format";

// The live order panel: follows the sale state of the latest answer.
const STEPS = [
  { state: "pendiente", label: "Productos" },
  { state: "recolectando_datos", label: "Tus datos" },
  { state: "listo_para_finalizar", label: "Confirmar" },
  { state: "cerrada", label: "Pedido hecho" },
] as const;

const STATE_LABEL: Record<string, string> = {
  iniciada: "Sin productos",
  pendiente: "Armando el pedido",
  recolectando_datos: "Faltan tus datos",
  listo_para_finalizar: "Listo para confirmar",
  cerrada: "Pedido confirmado",
  cancelada: "Pedido cancelado",
};

export function CartPanel({ turn }: { turn: TurnData | null }) {
  const order = turn?.order ?? null;
  const state = order?.estado ?? turn?.saleState ?? null;
  const current = STEPS.findIndex((s) => s.state === state);
  return (
    <section aria-labelledby="cart-title" className="card flex flex-col gap-3 p-4" data-testid="cart-panel">
      <div className="flex items-center justify-between">
        <h2 id="cart-title" className="text-base font-semibold text-ink-900">
          Tu pedido
        </h2>
        <span className="text-xs font-medium text-brand-700" data-testid="cart-state">
          {state ? (STATE_LABEL[state] ?? state) : "Vacío"}
        </span>
      </div>
      <ol className="flex gap-1" aria-label="Avance del pedido">
        {STEPS.map((step, i) => (
          <li
            key={step.state}
            aria-current={i === current ? "step" : undefined}
            className={`flex-1 rounded-full py-1 text-center text-[11px] font-medium ${
              i <= current ? "bg-brand-600 text-white" : "bg-ink-100 text-ink-500"
            }`}
          >
            {step.label}
          </li>
        ))}
      </ol>
      {order && order.items.length > 0 ? (
        <>
          <ul className="divide-y divide-ink-100 text-sm">
            {order.items.map((item) => (
              <li key={item.sku} className="flex justify-between gap-3 py-2">
                <span className="text-ink-700">
                  <span className="font-medium text-ink-900">{item.cantidad} ×</span> {item.nombre}
                  <span className="block font-mono text-xs text-ink-500">
                    {item.sku} · {formatCop(item.precio_unitario)} c/u
                  </span>
                </span>
                <span className="shrink-0 font-medium">{formatCop(item.subtotal)}</span>
              </li>
            ))}
          </ul>
          <p className="flex justify-between border-t border-ink-100 pt-2 text-base font-semibold">
            <span>Total</span>
            <span data-testid="cart-total">{formatCop(order.total)}</span>
          </p>
          <p className="text-xs text-ink-500">Precios con IVA incluido.</p>
          {order.estado === "cerrada" ? (
            <p role="status" className="rounded-lg bg-green-50 p-2 text-sm text-ok">
              Pedido {order.numero} confirmado. Te contactaremos para coordinar la entrega.
            </p>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-ink-500">Pídele al asesor los productos que necesitas y aparecerán aquí.</p>
      )}
    </section>
  );
}
