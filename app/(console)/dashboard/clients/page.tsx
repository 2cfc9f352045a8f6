import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";
import { pageParam, parseSearchParams, sortParam, sortToParam } from "@/lib/console/search-params";
import { CLIENT_SORTS, CLIENTS_PAGE_SIZE, DEFAULT_CLIENT_SORT, listClients } from "@/lib/db/clients";
import { formatCop, formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Clientes" };

const CLIENTS_QUERY = z.object({
  q: z.string().trim().max(100).catch(""),
  page: pageParam,
  sort: sortParam(CLIENT_SORTS, DEFAULT_CLIENT_SORT),
});

const COLUMNS: DataColumn[] = [
  { id: "name", header: "Cliente", sortable: true },
  { id: "document", header: "Documento" },
  { id: "phone", header: "Celular", hideBelow: "md" },
  { id: "city", header: "Ciudad", hideBelow: "xl" },
  { id: "purchaseCount", header: "Compras", sortable: true, descFirst: true, align: "right", hideBelow: "lg" },
  { id: "purchaseTotal", header: "Total", sortable: true, descFirst: true, align: "right" },
  { id: "lastPurchaseAt", header: "Última compra", sortable: true, descFirst: true },
];

export default async function ClientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/clients");
  const { q, page, sort } = parseSearchParams(CLIENTS_QUERY, await searchParams);
  const { rows, total } = await listClients(q, page, sort);
  const params = { q: q || undefined, sort: sortToParam(sort, DEFAULT_CLIENT_SORT) };
  return (
    <>
      <PageHeader title="Clientes" />
      <DataTable
        columns={COLUMNS}
        rows={rows.map((c) => ({
          key: String(c.id),
          cells: {
            name: (
              <Link className="font-medium hover:text-brand-700" href={`/dashboard/clients/${c.id}`}>
                {c.name}
              </Link>
            ),
            document: (
              <span className="whitespace-nowrap">
                {c.documentType} {c.documentNumber}
              </span>
            ),
            phone: c.phone ?? "—",
            city: c.city ?? "—",
            purchaseCount: <span className="tabular-nums">{formatNumber(c.purchaseCount)}</span>,
            purchaseTotal: <span className="whitespace-nowrap tabular-nums">{formatCop(c.purchaseTotal)}</span>,
            lastPurchaseAt: c.lastPurchaseAt ? formatDate(c.lastPurchaseAt) : "—",
          },
        }))}
        basePath="/dashboard/clients"
        params={params}
        sort={sort}
        pagination={{ kind: "pages", page, pageSize: CLIENTS_PAGE_SIZE, total }}
        filters={
          <FilterForm basePath="/dashboard/clients" keep={{ sort: params.sort }} className="sm:grid-cols-[1fr_auto]">
            <div>
              <label className="label" htmlFor="clients-q">
                Buscar clientes
              </label>
              <input
                className="input"
                id="clients-q"
                name="q"
                defaultValue={q}
                placeholder="Nombre, documento o celular"
              />
            </div>
          </FilterForm>
        }
        empty="No encontramos clientes."
        caption="Clientes"
        testId="clients-table"
      />
    </>
  );
}
