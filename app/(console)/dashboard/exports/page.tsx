import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { listExportFiles } from "@/lib/db/exports";
import { env } from "@/lib/env";
import { exportView } from "@/lib/exports/view";
import { ExportsPanel } from "./exports-panel";

export const metadata: Metadata = { title: "Exportaciones" };

export default async function ExportsPage() {
  const principal = await guardPage("/dashboard/exports");
  const rows = await listExportFiles(50);
  return (
    <>
      <PageHeader
        title="Exportaciones"
        description={`Archivos para Excel generados en segundo plano. Se conservan ${env().EXPORT_TTL_HOURS} horas.`}
      />
      <ExportsPanel initial={rows.map(exportView)} canCreate={can(principal.role, "exports:create")} />
    </>
  );
}
