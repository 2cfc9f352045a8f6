import type { Metadata } from "next";
import { LegacyImportWizard } from "@/components/console/legacy-import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";

export const metadata: Metadata = { title: "Migrar desde el sistema anterior" };

export default async function LegacyImportPage() {
  await guardPage("/dashboard/legacy-import");
  return (
    <>
      <PageHeader
        title="Migrar desde el sistema anterior"
        description="Sube el archivo app.db del sistema anterior. Primero verás una simulación; nada se guarda hasta que apliques, y todo entra en una sola transacción."
      />
      <div className="card mb-4 p-4 text-sm text-ink-700">
        <p className="mb-1 font-medium">Qué se trae:</p>
        <ul className="list-disc pl-5">
          <li>
            Productos (con SKU SV-0018 derivado de su id; activo y stock tal como estaban). Los productos que no vienen
            del sistema anterior se desactivan.
          </li>
          <li>
            Clientes, ventas (como pedidos cerrados, sin volver a descontar stock) y conversaciones con su historial.
          </li>
          <li>Los interruptores del asesor virtual y el texto de la empresa (la versión activa queda vigente).</li>
        </ul>
        <p className="mt-2">Importar dos veces el mismo archivo no cambia nada.</p>
      </div>
      <LegacyImportWizard />
    </>
  );
}
