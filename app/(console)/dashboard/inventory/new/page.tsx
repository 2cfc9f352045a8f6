import type { Metadata } from "next";
import Link from "next/link";
import { ProductForm } from "@/components/console/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";
import { listInventoryFacets } from "@/lib/db/inventory";

export const metadata: Metadata = { title: "Nuevo producto" };

export default async function NewProductPage() {
  await guardPage("/dashboard/inventory/new");
  const { categories } = await listInventoryFacets();
  return (
    <>
      <PageHeader
        title="Nuevo producto"
        actions={
          <Link className="btn-secondary" href="/dashboard/inventory">
            Volver al inventario
          </Link>
        }
      />
      <ProductForm
        categories={categories}
        initial={{
          sku: "",
          name: "",
          category: "",
          brand: "",
          price: "",
          unit: "unidad",
          standard: "",
          description: "",
          synonyms: "",
          stock: 0,
        }}
      />
    </>
  );
}
