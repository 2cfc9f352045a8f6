import { ProductPhoto } from "@/components/products/product-photo";
import type { ProductMetadata } from "@/lib/chat/ui-types";
import { formatCop, formatNumber } from "@/lib/format";

// The button asks by name: the agent resolves product names (bare SKUs in a purchase are not parsed yet).
// Internal SKUs (generated on import, never chosen by the shop) are not shown to customers.
export function ProductCard({ product, onAsk }: { product: ProductMetadata; onAsk: (text: string) => void }) {
  const available = product.stock > 0;
  return (
    <article className="card flex w-60 shrink-0 flex-col gap-2 p-3" aria-label={product.nombre}>
      <ProductPhoto src={product.imagen} name={product.nombre} size="card" />
      <div className="flex items-center justify-between gap-2">
        {product.sku_interno ? (
          <span />
        ) : (
          <span
            data-nowrap
            className="whitespace-nowrap rounded bg-ink-50 px-1.5 py-0.5 font-mono text-xs text-ink-700"
          >
            {product.sku}
          </span>
        )}
        <span className={`text-xs font-medium ${available ? "text-ok" : "text-danger"}`}>
          {available ? `${formatNumber(product.stock)} disponibles` : "Agotado"}
        </span>
      </div>
      <h3 className="line-clamp-3 text-sm font-medium text-ink-900">{product.nombre}</h3>
      <p className="mt-auto text-lg font-semibold text-brand-700">
        <span data-nowrap className="whitespace-nowrap">
          {formatCop(product.precio)}
        </span>{" "}
        <span className="text-xs font-normal text-ink-500">/ {product.unidad}</span>
      </p>
      {available ? (
        <button type="button" className="btn-secondary py-1.5" onClick={() => onAsk(`Quiero 1 ${product.nombre}`)}>
          Agregar al pedido
        </button>
      ) : null}
    </article>
  );
}
