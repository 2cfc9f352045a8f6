import type { Metadata } from "next";
import Link from "next/link";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SelectFilter } from "@/components/ui/select-filter";
import { can } from "@/lib/auth/permissions";
import {
  CHANNEL_LABELS,
  FULFILMENT_FILTERS,
  FULFILMENT_LABELS,
  ORDER_CHANNELS,
  ORDER_STATE_LABELS,
  ORDER_STATES,
  orderQueryToParams,
  parseOrderQuery,
} from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { listOrders, ORDERS_PAGE_SIZE } from "@/lib/db/order-admin";
import { formatCop, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Ventas" };

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await guardPage("/dashboard/orders");
  const query = parseOrderQuery(await searchParams);
  const { rows, total, byState } = await listOrders(query);
  const closed = byState.cerrada ?? { count: 0, total: 0 };
  return (
    <>
      <PageHeader
        title="Ventas y pedidos"
        actions={
          can(principal.role, "orders:write") ? (
            <Link className="btn-primary" href="/dashboard/orders/new">
              Venta telefónica
            </Link>
          ) : null
        }
      />
      <form method="get" className="card mb-3 grid gap-2 p-3 sm:grid-cols-3 lg:grid-cols-7" role="search">
        <div className="lg:col-span-2">
          <label className="label" htmlFor="client">
            Cliente, documento o número
          </label>
          <input className="input" id="client" name="client" defaultValue={query.client} />
        </div>
        <SelectFilter
          name="state"
          label="Estado"
          value={query.state}
          options={ORDER_STATES.map((st) => ({ value: st, label: ORDER_STATE_LABELS[st] ?? st }))}
          allLabel="Todos"
        />
        <SelectFilter
          name="fulfilment"
          label="Entrega"
          value={query.fulfilment ?? null}
          options={FULFILMENT_FILTERS.map((f) => ({ value: f, label: FULFILMENT_LABELS[f] }))}
          allLabel="Todas"
        />
        <SelectFilter
          name="channel"
          label="Canal"
          value={query.channel}
          options={ORDER_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] ?? c }))}
          allLabel="Todos"
        />
        <div>
          <label className="label" htmlFor="from">
            Desde
          </label>
          <input className="input" type="date" id="from" name="from" defaultValue={query.from ?? ""} />
        </div>
        <div>
          <label className="label" htmlFor="to">
            Hasta
          </label>
          <input className="input" type="date" id="to" name="to" defaultValue={query.to ?? ""} />
        </div>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-7">
          <button className="btn-primary" type="submit">
            Filtrar
          </button>
          <Link className="btn-secondary" href="/dashboard/orders">
            Limpiar
          </Link>
        </div>
      </form>
      <div className="mb-3 grid gap-2 sm:grid-cols-3" data-testid="order-totals">
        <div className="card p-3">
          <p className="text-xs text-ink-500">Pedidos con estos filtros</p>
          <p className="text-lg font-semibold">{formatNumber(total)}</p>
        </div>
        <div className="card p-3">
          <p className="text-xs text-ink-500">Ventas cerradas</p>
          <p className="text-lg font-semibold">
            {formatNumber(closed.count)} · {formatCop(closed.total)}
          </p>
        </div>
        <div className="card p-3">
          <p className="text-xs text-ink-500">Canceladas</p>
          <p className="text-lg font-semibold">{formatNumber(byState.cancelada?.count ?? 0)}</p>
        </div>
      </div>
      {rows.length === 0 ? (
        <EmptyState>No hay pedidos con esos filtros.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase text-ink-500">
              <tr>
                <th className="px-3 py-2">Número</th>
                <th className="px-3 py-2">Fecha</th>
                <th className="px-3 py-2">Cliente</th>
                <th className="px-3 py-2">Canal</th>
                <th className="px-3 py-2">Estado</th>
                <th className="px-3 py-2 text-right">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id} className="border-b border-ink-50 last:border-0 hover:bg-ink-50/60">
                  <td className="px-3 py-2 font-mono text-xs">
                    <Link className="text-brand-700 hover:underline" href={`/dashboard/orders/${o.id}`}>
                      {o.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{formatDateTime(o.createdAt)}</td>
                  <td className="px-3 py-2">{o.client?.name ?? o.customerName ?? "—"}</td>
                  <td className="px-3 py-2">{CHANNEL_LABELS[o.channel] ?? o.channel}</td>
                  <td className="px-3 py-2">
                    <OrderStateBadge state={o.state} fulfilment={o.fulfilment} />
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatCop(o.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath="/dashboard/orders"
        params={orderQueryToParams(query)}
        page={query.page}
        pageSize={ORDERS_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
