import type { Metadata } from "next";
import Link from "next/link";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
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

const COLUMNS: DataColumn[] = [
  { id: "number", header: "Número" },
  { id: "createdAt", header: "Fecha", sortable: true, descFirst: true },
  { id: "client", header: "Cliente" },
  { id: "channel", header: "Canal", hideBelow: "lg" },
  { id: "state", header: "Estado" },
  { id: "total", header: "Total", sortable: true, descFirst: true, align: "right" },
];

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await guardPage("/dashboard/orders");
  const query = parseOrderQuery(await searchParams);
  const { rows, total, byState, nextCursor } = await listOrders(query);
  const params = orderQueryToParams(query);
  const sortParam = params.sort;
  // newest first pages by cursor (`?after=`), as fast deep in the list as at its start; other orders by page
  const keyset = sortParam === undefined;
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
      <DataTable
        columns={COLUMNS}
        rows={rows.map((o) => ({
          key: String(o.id),
          cells: {
            number: (
              <Link className="font-mono text-xs text-brand-700 hover:underline" href={`/dashboard/orders/${o.id}`}>
                {o.number}
              </Link>
            ),
            createdAt: <span className="whitespace-nowrap">{formatDateTime(o.createdAt)}</span>,
            client: o.client?.name ?? o.customerName ?? "—",
            channel: CHANNEL_LABELS[o.channel] ?? o.channel,
            state: <OrderStateBadge state={o.state} fulfilment={o.fulfilment} />,
            total: <span className="whitespace-nowrap tabular-nums">{formatCop(o.total)}</span>,
          },
        }))}
        basePath="/dashboard/orders"
        params={params}
        sort={query.sort}
        pagination={
          keyset
            ? { kind: "cursor", total, next: nextCursor, after: query.after ?? null }
            : { kind: "pages", page: query.page, pageSize: ORDERS_PAGE_SIZE, total }
        }
        filters={
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
            {sortParam ? <input type="hidden" name="sort" value={sortParam} /> : null}
            <div className="flex gap-2 sm:col-span-3 lg:col-span-7">
              <button className="btn-primary" type="submit">
                Filtrar
              </button>
              <Link className="btn-secondary" href="/dashboard/orders">
                Limpiar
              </Link>
            </div>
          </form>
        }
        empty="No hay pedidos con esos filtros."
        caption="Pedidos"
        testId="orders-table"
      />
    </>
  );
}
