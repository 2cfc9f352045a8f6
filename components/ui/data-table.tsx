"use client";

import {
  createColumnHelper,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { type ReactNode, useMemo } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { type ListParams, listHref } from "@/lib/console/list-url";
import { formatNumber } from "@/lib/format";

// The console's one list table. The server owns the rows: it filters, sorts and pages in the database and
// hands over one page whose cells are already rendered (server components, links, badges). TanStack turns the
// URL's sort into column state and decides each header's next order; every header and pager is a plain link,
// so a list works without JavaScript and its state is always the URL. Cells and headers are the given nodes,
// not FlexRender templates: a template is a component type, and the page's column list is rebuilt on every
// render (a refresh, a checkbox), which would remount every cell and lose its state (an open inline form).
export type DataColumn = {
  id: string;
  header: ReactNode;
  /** The header links to `sort=<id>`; the server must accept that key (lib/console/search-params sortParam). */
  sortable?: boolean;
  /** First click sorts descending (dates, amounts: the newest or largest first is what people look for). */
  descFirst?: boolean;
  align?: "left" | "right";
  /** Hidden below this width (md 768, lg 1024, xl 1280 px): what a tablet can do without. */
  hideBelow?: "md" | "lg" | "xl";
};

export type DataRow = {
  key: string;
  cells: Record<string, ReactNode>;
  /** data-* attributes for the row (tests and live updates find rows by them) */
  data?: Record<string, string | number>;
};

export type DataPagination =
  | { kind: "pages"; page: number; pageSize: number; total: number }
  /** keyset: `next` is the cursor of the following page (null on the last); `after` the current one */
  | { kind: "cursor"; total: number; next: string | null; after: string | null };

const HIDE: Record<NonNullable<DataColumn["hideBelow"]>, string> = {
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
};

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, DataRow>();

export function DataTable({
  columns,
  rows,
  basePath,
  params,
  sort,
  pagination,
  filters,
  empty,
  caption,
  testId,
}: {
  columns: DataColumn[];
  rows: DataRow[];
  /** the list's page, e.g. `/dashboard/orders` */
  basePath: string;
  /** the list's current query without page/cursor (filters and sort), kept by every link */
  params: ListParams;
  sort?: { key: string; desc: boolean } | null;
  pagination?: DataPagination;
  /** labelled filter controls (a GET form), shown above the table */
  filters?: ReactNode;
  empty: ReactNode;
  /** what the table lists, for screen readers */
  caption: string;
  testId?: string;
}) {
  const defs = useMemo(
    () =>
      columns.map((c) =>
        helper.accessor((row): unknown => row.cells[c.id], {
          id: c.id,
          enableSorting: c.sortable === true,
          sortDescFirst: c.descFirst === true,
        }),
      ),
    [columns],
  );
  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort.key, desc: sort.desc }] : []), [sort]);
  const table = useTable({
    features,
    columns: defs,
    data: rows,
    getRowId: (row) => row.key,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
  });
  const spec = new Map(columns.map((c) => [c.id, c]));
  const cellClass = (id: string, index: number, header = false) => {
    const c = spec.get(id);
    return [
      "px-3 py-2 align-top",
      c?.align === "right" ? "text-right" : "",
      c?.hideBelow ? HIDE[c.hideBelow] : "",
      // the first column stays in view while a narrow screen scrolls the rest sideways
      index === 0 ? `sticky left-0 z-10 ${header ? "bg-ink-50" : "bg-white"}` : "",
    ].join(" ");
  };

  return (
    <>
      {filters ? <section aria-label="Filtros">{filters}</section> : null}
      {rows.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        // relative: the scroll box contains its absolutely placed descendants (sr-only labels), which otherwise
        // sit beyond a narrow screen's edge and scroll the whole page sideways
        <div className="card relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid={testId}>
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase tracking-wide text-ink-500">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header, index) => {
                    const column = header.column;
                    const sorted = column.getIsSorted();
                    const next = column.getCanSort() ? column.getNextSortingOrder() : false;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={`${cellClass(column.id, index, true)} font-semibold`}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      >
                        {next ? (
                          <Link
                            prefetch={false}
                            className="inline-flex items-center gap-1 uppercase hover:text-ink-900"
                            href={listHref(basePath, params, {
                              sort: `${next === "desc" ? "-" : ""}${column.id}`,
                              page: undefined,
                              after: undefined,
                            })}
                          >
                            {spec.get(column.id)?.header}
                            <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}</span>
                          </Link>
                        ) : (
                          spec.get(column.id)?.header
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className="border-b border-ink-50 last:border-0 hover:bg-ink-50/60"
                  {...Object.fromEntries(Object.entries(row.original.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
                >
                  {row.getAllCells().map((cell, index) => (
                    <td key={cell.id} className={cellClass(cell.column.id, index)}>
                      {cell.getValue() as ReactNode}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pagination ? <Pager basePath={basePath} params={params} pagination={pagination} /> : null}
    </>
  );
}

function Pager({ basePath, params, pagination }: { basePath: string; params: ListParams; pagination: DataPagination }) {
  const link = (label: string, changes: ListParams) => (
    <Link prefetch={false} className="btn-secondary px-3 py-1" href={listHref(basePath, params, changes)}>
      {label}
    </Link>
  );
  if (pagination.kind === "cursor") {
    return (
      <nav aria-label="Paginación" className="flex items-center justify-between gap-2 py-3 text-sm text-ink-500">
        <span>{formatNumber(pagination.total)} resultados</span>
        <div className="flex gap-2">
          {pagination.after ? link("Primera página", { after: undefined }) : null}
          {pagination.next ? link("Siguiente", { after: pagination.next }) : null}
        </div>
      </nav>
    );
  }
  const { page, pageSize, total } = pagination;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Paginación" className="flex items-center justify-between gap-2 py-3 text-sm text-ink-500">
      <span>
        {formatNumber(total)} resultados · página {formatNumber(page)} de {formatNumber(pages)}
      </span>
      <div className="flex gap-2">
        {page > 1 ? link("Anterior", { page: page - 1 > 1 ? String(page - 1) : undefined }) : null}
        {page < pages ? link("Siguiente", { page: String(page + 1) }) : null}
      </div>
    </nav>
  );
}
