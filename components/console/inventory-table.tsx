"use client";

import {
  createColumnHelper,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ProductPhoto } from "@/components/products/product-photo";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { InventoryRow } from "@/lib/db/inventory";
import { formatCop, formatDate } from "@/lib/format";
import { productImageUrl } from "@/lib/media/urls";
import { BulkBar } from "./bulk-bar";
import { StockBadge } from "./stock-badge";

/** A row as it crosses to the browser: dates travel as ISO strings. */
export type InventoryTableRow = Omit<InventoryRow, "updatedAt"> & { updatedAt: string };

// Sorting, filtering and paging happen in the database; the table only renders one page and turns header
// clicks into URL changes (manualSorting), so the server stays the single source of the rows.
const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, InventoryTableRow>();
const columns = helper.columns([
  helper.accessor("sku", {
    header: "SKU",
    cell: (info) => <span className="whitespace-nowrap font-mono text-xs">{info.getValue()}</span>,
  }),
  helper.accessor("name", {
    header: "Producto",
    cell: (info) => (
      <span className="flex items-center gap-3">
        <ProductPhoto src={productImageUrl(info.row.original.imageKey, "thumb")} name={info.getValue()} size="thumb" />
        <Link
          className="font-medium text-ink-900 hover:text-brand-700"
          href={`/dashboard/inventory/${info.row.original.id}`}
        >
          {info.getValue()}
          {info.row.original.active ? null : (
            <span className="ml-2">
              <Badge>Inactivo</Badge>
            </span>
          )}
        </Link>
      </span>
    ),
  }),
  helper.accessor("category", { header: "Categoría" }),
  helper.accessor("brand", { header: "Marca" }),
  helper.accessor("price", {
    header: "Precio",
    cell: (info) => (
      <span className="whitespace-nowrap whitespace-nowrap tabular-nums">{formatCop(info.getValue())}</span>
    ),
  }),
  helper.accessor("stock", {
    header: "Stock",
    cell: (info) => <StockBadge stock={info.getValue()} threshold={info.row.original.lowStockAt} />,
  }),
  helper.accessor("updatedAt", { header: "Actualizado", cell: (info) => formatDate(info.getValue()) }),
]);

export function InventoryTable({
  rows,
  sort,
  desc,
  params,
  canBulk = false,
  categories = [],
}: {
  rows: InventoryTableRow[];
  sort: string;
  desc: boolean;
  params: Record<string, string>;
  /** row selection and bulk actions (staff who may edit the catalogue) */
  canBulk?: boolean;
  categories?: string[];
}) {
  const router = useRouter();
  // selection of this page's rows; it is kept by id, so a refresh after a bulk change keeps it meaningful
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const visible = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allSelected = rows.length > 0 && visible.length === rows.length;
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc }], [sort, desc]);
  const table = useTable({
    features,
    columns,
    data: rows,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const search = new URLSearchParams(params);
      search.delete("page");
      if (first) search.set("sort", `${first.desc ? "-" : ""}${first.id}`);
      router.push(`/dashboard/inventory?${search.toString()}`);
    },
  });

  if (rows.length === 0) return <EmptyState>No hay productos con esos criterios.</EmptyState>;
  return (
    <>
      {canBulk && visible.length > 0 ? (
        <BulkBar ids={visible} categories={categories} onDone={() => setSelected(new Set())} />
      ) : null}
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="inventory-table">
          <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase tracking-wide text-ink-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {canBulk ? (
                  <th className="w-8 px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label="Seleccionar todos los productos de esta página"
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                  </th>
                ) : null}
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      className="px-3 py-2"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 uppercase hover:text-ink-900"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-b border-ink-50 last:border-0 hover:bg-ink-50/60">
                {canBulk ? (
                  <td className="px-3 py-2 align-top">
                    <input
                      type="checkbox"
                      aria-label={`Seleccionar ${row.original.sku}`}
                      checked={selected.has(row.original.id)}
                      onChange={() => toggle(row.original.id)}
                    />
                  </td>
                ) : null}
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
