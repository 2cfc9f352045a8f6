"use client";

import Link from "next/link";
import { useState } from "react";
import { ProductPhoto } from "@/components/products/product-photo";
import { Badge } from "@/components/ui/badge";
import { type DataColumn, type DataPagination, type DataRow, DataTable } from "@/components/ui/data-table";
import type { InventoryRow } from "@/lib/db/inventory";
import { formatCop, formatDate } from "@/lib/format";
import { productImageUrl } from "@/lib/media/urls";
import { BulkBar } from "./bulk-bar";
import { InlineStockForm } from "./inline-stock-form";
import { StockBadge } from "./stock-badge";

/** A row as it crosses to the browser: dates travel as ISO strings. */
export type InventoryTableRow = Omit<InventoryRow, "updatedAt"> & { updatedAt: string };

const DATA_COLUMNS: DataColumn[] = [
  { id: "sku", header: "SKU", sortable: true },
  { id: "name", header: "Producto", sortable: true },
  { id: "category", header: "Categoría", sortable: true, hideBelow: "lg" },
  { id: "brand", header: "Marca", sortable: true, hideBelow: "xl" },
  { id: "price", header: "Precio", sortable: true, align: "right" },
  { id: "stock", header: "Stock", sortable: true },
  { id: "updatedAt", header: "Actualizado", sortable: true, descFirst: true, hideBelow: "xl" },
];

// Inventory on the console's data table, plus what only this list has: row selection for bulk changes and
// the inline stock adjustment. Sorting, filtering and paging stay in the database (lib/db/inventory.ts).
export function InventoryTable({
  rows,
  sort,
  desc,
  params,
  pagination,
  filters,
  canBulk = false,
  canAdjust = false,
  categories = [],
}: {
  rows: InventoryTableRow[];
  sort: string;
  desc: boolean;
  params: Record<string, string>;
  pagination: DataPagination;
  filters?: React.ReactNode;
  /** row selection and bulk actions (staff who may edit the catalogue) */
  canBulk?: boolean;
  /** the per-row stock form (staff who may adjust stock) */
  canAdjust?: boolean;
  categories?: string[];
}) {
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

  const columns: DataColumn[] = [
    ...(canBulk
      ? [
          {
            id: "select",
            header: (
              <input
                type="checkbox"
                aria-label="Seleccionar todos los productos de esta página"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
              />
            ),
          },
        ]
      : []),
    ...DATA_COLUMNS,
    ...(canAdjust ? [{ id: "adjust", header: "Ajuste" }] : []),
  ];
  const dataRows: DataRow[] = rows.map((r) => ({
    key: String(r.id),
    data: { sku: r.sku },
    cells: {
      select: (
        <input
          type="checkbox"
          aria-label={`Seleccionar ${r.sku}`}
          checked={selected.has(r.id)}
          onChange={() => toggle(r.id)}
        />
      ),
      sku: <span className="whitespace-nowrap font-mono text-xs">{r.sku}</span>,
      name: (
        <span className="flex items-center gap-3">
          <ProductPhoto src={productImageUrl(r.imageKey, "thumb")} name={r.name} size="thumb" />
          <Link className="font-medium text-ink-900 hover:text-brand-700" href={`/dashboard/inventory/${r.id}`}>
            {r.name}
            {r.active ? null : (
              <span className="ml-2">
                <Badge>Inactivo</Badge>
              </span>
            )}
          </Link>
        </span>
      ),
      category: r.category,
      brand: r.brand,
      price: <span className="whitespace-nowrap tabular-nums">{formatCop(r.price)}</span>,
      stock: <StockBadge stock={r.stock} threshold={r.lowStockAt} />,
      updatedAt: formatDate(r.updatedAt),
      adjust: <InlineStockForm productId={r.id} sku={r.sku} />,
    },
  }));

  return (
    <>
      {canBulk && visible.length > 0 ? (
        <BulkBar ids={visible} categories={categories} onDone={() => setSelected(new Set())} />
      ) : null}
      <DataTable
        columns={columns}
        rows={dataRows}
        basePath="/dashboard/inventory"
        params={params}
        sort={{ key: sort, desc }}
        pagination={pagination}
        filters={filters}
        empty="No hay productos con esos criterios."
        caption="Productos del inventario"
        testId="inventory-table"
      />
    </>
  );
}
