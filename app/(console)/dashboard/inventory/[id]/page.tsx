import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductActiveToggle } from "@/components/console/active-toggle";
import { ProductForm } from "@/components/console/product-form";
import { StockAdjustForm } from "@/components/console/stock-adjust-form";
import { StockBadge } from "@/components/console/stock-badge";
import { ProductImageUpload } from "@/components/products/product-image-upload";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { listInventoryFacets } from "@/lib/db/inventory";
import { getProduct } from "@/lib/db/products";
import { listStockMovements } from "@/lib/db/stock";
import { formatDateTime, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/http/ids";
import { productImageUrl } from "@/lib/media/urls";

export const metadata: Metadata = { title: "Producto" };

const REASONS: Record<string, string> = {
  sale: "Venta",
  cancellation: "Cancelación",
  adjustment: "Ajuste",
  import: "Importación",
  seed: "Carga inicial",
  correction: "Corrección",
};

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const principal = await guardPage("/dashboard/inventory/[id]", `/dashboard/inventory/${raw}`);
  const id = parseId(raw);
  if (id === null) notFound();
  const [product, movements, facets] = await Promise.all([
    getProduct(id),
    listStockMovements(id),
    listInventoryFacets(),
  ]);
  if (!product) notFound();
  const canWrite = can(principal.role, "inventory:write");
  const canAdjust = can(principal.role, "stock:adjust");
  return (
    <>
      <PageHeader
        title={product.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{product.sku}</span> · Stock <StockBadge stock={product.stock} />
            {product.active ? null : <Badge>Inactivo</Badge>}
          </span>
        }
        actions={
          <>
            <Link className="btn-secondary" href="/dashboard/inventory">
              Volver al inventario
            </Link>
            {canWrite ? <ProductActiveToggle id={product.id} active={product.active} /> : null}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <ProductForm
          productId={product.id}
          categories={facets.categories}
          disabled={!canWrite}
          initial={{
            ...product,
            lowStockThreshold: product.lowStockThreshold ?? "",
            standard: product.standard ?? "",
            synonyms: product.synonyms.replaceAll(";", "; "),
          }}
        />
        <div className="flex flex-col gap-4">
          <ProductImageUpload
            productId={product.id}
            productName={product.name}
            thumb={productImageUrl(product.imageKey, "thumb")}
            canWrite={canWrite}
          />
          {canAdjust ? (
            <section className="card p-4">
              <h2 className="mb-2 font-semibold">Ajustar stock</h2>
              <p className="mb-2 text-sm text-ink-500">
                Stock actual: <strong className="tabular-nums">{formatNumber(product.stock)}</strong> {product.unit}
              </p>
              <StockAdjustForm productId={product.id} />
            </section>
          ) : null}
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Movimientos de stock</h2>
            {movements.length === 0 ? (
              <p className="text-sm text-ink-500">Sin movimientos registrados.</p>
            ) : (
              <ol className="flex flex-col gap-2 text-sm" data-testid="stock-movements">
                {movements.map((m) => (
                  <li key={m.id} className="border-b border-ink-50 pb-2 last:border-0">
                    <div className="flex justify-between gap-2">
                      <span className={m.delta < 0 ? "text-danger" : "text-ok"}>
                        {m.delta > 0 ? "+" : ""}
                        {formatNumber(m.delta)} → {formatNumber(m.stockAfter)}
                      </span>
                      <span className="text-ink-500">{formatDateTime(m.createdAt)}</span>
                    </div>
                    <div className="text-ink-500">
                      {REASONS[m.reason] ?? m.reason}
                      {m.note ? ` · ${m.note}` : ""}
                      {m.order ? (
                        <>
                          {" · "}
                          <Link className="underline" href={`/dashboard/orders/${m.order.id}`}>
                            {m.order.number}
                          </Link>
                        </>
                      ) : null}
                      {m.user ? ` · ${m.user.name}` : ""}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
