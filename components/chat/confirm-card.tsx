import type { OrderView } from "@/lib/chat/ui-types";
import { formatCop } from "@/lib/format";

// The last step before the order is placed: everything that will go on it, in one place, with the two
// answers a customer gives here.
export function ConfirmCard({
  order,
  onConfirm,
  onChange,
  disabled,
}: {
  order: OrderView;
  onConfirm: () => void;
  onChange: () => void;
  disabled: boolean;
}) {
  const c = order.customer;
  const rows: [string, string | null, string][] = [
    ["Nombre", c.name, "confirm-name"],
    ["Documento", c.document, "confirm-document"],
    ["Teléfono", c.phone, "confirm-phone"],
    ["Dirección", c.address, "confirm-address"],
  ];
  return (
    <section
      aria-labelledby="confirm-title"
      className="card mx-auto w-full max-w-md border-brand-200 p-4 text-sm"
      data-testid="confirm-card"
    >
      <h3 id="confirm-title" className="text-base font-semibold text-ink-900">
        Confirma tu pedido
      </h3>
      <table className="mt-2 w-full text-left">
        <caption className="sr-only">Productos del pedido</caption>
        <thead className="text-xs text-ink-500">
          <tr>
            <th className="py-1 font-medium">Producto</th>
            <th className="py-1 text-right font-medium">Cant.</th>
            <th className="py-1 text-right font-medium">Precio</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-ink-100">
          {order.lines.map((l) => (
            <tr key={`${l.sku}-${l.name}`}>
              <td className="py-1.5 pr-2 text-ink-900">{l.name}</td>
              <td className="py-1.5 text-right tabular-nums" data-testid="confirm-line-quantity">
                {l.quantity}
              </td>
              <td
                className="py-1.5 pl-2 text-right whitespace-nowrap tabular-nums"
                data-testid="confirm-line-unit"
                data-nowrap
              >
                {formatCop(l.unitPrice)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-ink-300 font-semibold">
            <td className="py-1.5" colSpan={2}>
              Total (IVA incluido)
            </td>
            <td className="py-1.5 text-right whitespace-nowrap" data-testid="confirm-total" data-nowrap>
              {formatCop(order.total)}
            </td>
          </tr>
        </tfoot>
      </table>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map(([label, value, id]) => (
          <div key={id} className="contents">
            <dt className="text-ink-500">{label}</dt>
            <dd className="text-ink-900" data-testid={id}>
              {value ?? "—"}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex gap-2">
        <button type="button" className="btn-primary flex-1" onClick={onConfirm} disabled={disabled}>
          Confirmar
        </button>
        <button type="button" className="btn-secondary flex-1" onClick={onChange} disabled={disabled}>
          Cambiar algo
        </button>
      </div>
    </section>
  );
}
