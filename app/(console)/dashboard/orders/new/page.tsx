import type { Metadata } from "next";
import Link from "next/link";
import { ManualOrderForm } from "@/components/console/manual-order-form";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";

export const metadata: Metadata = { title: "Venta telefónica" };

export default async function NewOrderPage() {
  await guardPage("/dashboard/orders/new");
  return (
    <>
      <PageHeader
        title="Venta telefónica"
        description="Precios y stock se toman del inventario al cerrar; si algo se agotó mientras tanto, te avisamos."
        actions={
          <Link className="btn-secondary" href="/dashboard/orders">
            Volver a ventas
          </Link>
        }
      />
      <ManualOrderForm />
    </>
  );
}
