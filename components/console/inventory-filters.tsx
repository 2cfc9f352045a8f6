import Link from "next/link";
import { type InventoryQuery, PAGE_SIZES } from "@/lib/console/inventory-query";

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
    <form method="get" className="card mb-3 grid gap-2 p-3 sm:grid-cols-2 lg:grid-cols-7" role="search">
      <div className="lg:col-span-2">
        <label className="label" htmlFor="q">
          Buscar
        </label>
        <input className="input" id="q" name="q" defaultValue={query.q} placeholder="casco, CAB-001, 3M…" />
      </div>
      <div>
        <label className="label" htmlFor="category">
          Categoría
        </label>
        <select className="input" id="category" name="category" defaultValue={query.category ?? ""}>
          <option value="">Todas</option>
          {categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="brand">
          Marca
        </label>
        <select className="input" id="brand" name="brand" defaultValue={query.brand ?? ""}>
          <option value="">Todas</option>
          {brands.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="stock">
          Stock
        </label>
        <select className="input" id="stock" name="stock" defaultValue={query.stock ?? ""}>
          <option value="">Todos</option>
          <option value="out">Agotado</option>
          <option value="low">Bajo</option>
          <option value="ok">Suficiente</option>
        </select>
      </div>
      <div>
        <label className="label" htmlFor="active">
          Estado
        </label>
        <select className="input" id="active" name="active" defaultValue={query.active}>
          <option value="true">Activos</option>
          <option value="false">Inactivos</option>
          <option value="all">Todos</option>
        </select>
      </div>
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
