import type { Metadata } from "next";
import Link from "next/link";
import { InventoryFilters } from "@/components/console/inventory-filters";
import { InventoryTable } from "@/components/console/inventory-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { inventoryQueryToParams, parseInventoryQuery } from "@/lib/console/inventory-query";
import { guardPage } from "@/lib/console/pages";
import { listInventory, listInventoryFacets } from "@/lib/db/inventory";

export const metadata: Metadata = { title: "Inventario" };

export default async function InventoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await guardPage("/dashboard/inventory");
  const query = parseInventoryQuery(await searchParams);
  const [{ rows, total }, facets] = await Promise.all([listInventory(query), listInventoryFacets()]);
  const canWrite = can(principal.role, "inventory:write");
  return (
    <>
      <PageHeader
        title="Inventario"
        description="Busca por nombre, SKU, marca, norma o sinónimos. Los filtros quedan en la dirección."
        actions={
          canWrite ? (
            <>
              <Link className="btn-secondary" href="/dashboard/inventory/import">
                Importar CSV
              </Link>
              <Link className="btn-primary" href="/dashboard/inventory/new">
                Nuevo producto
              </Link>
            </>
          ) : null
        }
      />
      <InventoryTable
        rows={rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }))}
        sort={query.sort}
        desc={query.desc}
        params={inventoryQueryToParams({ ...query, page: 1 })}
        pagination={{ kind: "pages", page: query.page, pageSize: query.size, total }}
        filters={<InventoryFilters query={query} categories={facets.categories} brands={facets.brands} />}
        canBulk={canWrite}
        canAdjust={can(principal.role, "stock:adjust")}
        categories={facets.categories}
      />
    </>
  );
}
