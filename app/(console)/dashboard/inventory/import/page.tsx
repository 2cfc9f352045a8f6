import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/console/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";

export const metadata: Metadata = { title: "Importar productos" };

export default async function ImportPage() {
  await guardPage("/dashboard/inventory/import");
  return (
    <>
      <PageHeader
        title="Importar productos (CSV)"
        description="Primero revisamos el archivo; nada se guarda hasta que confirmes, y si alguna fila tiene errores no se aplica ninguna."
        actions={
          <Link className="btn-secondary" href="/dashboard/inventory">
            Volver al inventario
          </Link>
        }
      />
      <div className="card mb-4 p-4 text-sm text-ink-700">
        <p className="mb-1 font-medium">Formatos aceptados (separador «,» o «;», UTF-8):</p>
        <ul className="list-disc pl-5">
          <li>
            Catálogo: <code>sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos</code> — se
            actualiza por SKU.
          </li>
          <li>
            Sistema anterior: <code>nombre,descripcion,precio,stock</code> (y opcional <code>categoria</code>) — se
            actualiza por nombre.
          </li>
        </ul>
      </div>
      <ImportWizard />
    </>
  );
}
