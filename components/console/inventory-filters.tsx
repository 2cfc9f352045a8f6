import Link from "next/link";
import { SelectFilter } from "@/components/ui/select-filter";
import { type InventoryQuery, PAGE_SIZES } from "@/lib/console/inventory-query";

const STOCK_OPTIONS = [
  { value: "out", label: "Agotado" },
  { value: "low", label: "Bajo" },
  { value: "ok", label: "Suficiente" },
];
const ACTIVE_OPTIONS = [
  { value: "true", label: "Activos" },
  { value: "false", label: "Inactivos" },
  { value: "all", label: "Todos" },
];

// A plain GET form: works without JavaScript and puts every filter in the URL.
export function InventoryFilters({
  query,
  categories,
  brands,
}: {
  query: InventoryQuery;
  categories: string[];
  brands: string[];
}) {
  return (
    // seven equal columns left the last one (rows per page, Filtrar, Limpiar) too narrow at 1280 px: the buttons
    // spilled out of the card. The buttons' column takes what it needs; the search and the selects share the rest.
    <form
      method="get"
      className="card mb-3 grid gap-2 p-3 sm:grid-cols-2 xl:grid-cols-[minmax(0,2fr)_repeat(4,minmax(0,1fr))_auto]"
      role="search"
    >
      <div className="sm:col-span-2 xl:col-span-1">
        <label className="label" htmlFor="q">
          Buscar
        </label>
        <input className="input" id="q" name="q" defaultValue={query.q} placeholder="casco, CAB-001, 3M…" />
      </div>
      <SelectFilter name="category" label="Categoría" value={query.category} options={categories} allLabel="Todas" />
      <SelectFilter name="brand" label="Marca" value={query.brand} options={brands} allLabel="Todas" />
      <SelectFilter name="stock" label="Stock" value={query.stock} options={STOCK_OPTIONS} allLabel="Todos" />
      <SelectFilter name="active" label="Estado" value={query.active} options={ACTIVE_OPTIONS} />
      <div className="flex items-end gap-2">
        <select className="input w-20" name="size" defaultValue={String(query.size)} aria-label="Filas por página">
          {PAGE_SIZES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input type="hidden" name="sort" value={`${query.desc ? "-" : ""}${query.sort}`} />
        <button className="btn-primary" type="submit">
          Filtrar
        </button>
        <Link className="btn-secondary" href="/dashboard/inventory">
          Limpiar
        </Link>
      </div>
    </form>
  );
}
