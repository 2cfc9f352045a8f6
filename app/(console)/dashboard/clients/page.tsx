import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { guardPage } from "@/lib/console/pages";
import { CLIENTS_PAGE_SIZE, listClients } from "@/lib/db/clients";
import { formatCop, formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Clientes" };

export default async function ClientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/clients");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const page = Math.max(1, Math.min(100_000, Number(params.page) || 1));
  const { rows, total } = await listClients(q, page);
  return (
    <>
      <PageHeader title="Clientes" />
      <form method="get" className="mb-3 flex gap-2" role="search">
        <input
          className="input max-w-md"
          name="q"
          defaultValue={q}
          placeholder="Nombre, documento o celular"
          aria-label="Buscar clientes"
        />
        <button className="btn-secondary" type="submit">
          Buscar
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>No encontramos clientes.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="clients-table">
            <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase text-ink-500">
              <tr>
                <th className="px-3 py-2">Cliente</th>
                <th className="px-3 py-2">Documento</th>
                <th className="px-3 py-2">Celular</th>
                <th className="px-3 py-2">Ciudad</th>
                <th className="px-3 py-2 text-right">Compras</th>
                <th className="px-3 py-2 text-right">Total</th>
                <th className="px-3 py-2">Última compra</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} className="border-b border-ink-50 last:border-0 hover:bg-ink-50/60">
                  <td className="px-3 py-2">
                    <Link className="font-medium hover:text-brand-700" href={`/dashboard/clients/${c.id}`}>
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {c.documentType} {c.documentNumber}
                  </td>
                  <td className="px-3 py-2">{c.phone ?? "—"}</td>
                  <td className="px-3 py-2">{c.city ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(c.purchaseCount)}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatCop(c.purchaseTotal)}</td>
                  <td className="px-3 py-2">{c.lastPurchaseAt ? formatDate(c.lastPurchaseAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath="/dashboard/clients"
        params={{ q: q || undefined }}
        page={page}
        pageSize={CLIENTS_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
