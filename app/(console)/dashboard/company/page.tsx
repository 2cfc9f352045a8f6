import type { Metadata } from "next";
import Link from "next/link";
import { CompanyEditor } from "@/components/console/company-editor";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";
import { getCompanyInfoVersion, listCompanyInfoVersions } from "@/lib/db/company";
import { formatDateTime } from "@/lib/format";
import { parseId } from "@/lib/http/ids";

export const metadata: Metadata = { title: "Empresa" };

export default async function CompanyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/company");
  const params = await searchParams;
  const versions = await listCompanyInfoVersions();
  const current = versions[0];
  const viewing = typeof params.version === "string" ? parseId(params.version) : null;
  const old = viewing && viewing !== current?.version ? await getCompanyInfoVersion(viewing) : null;
  return (
    <>
      <PageHeader
        title="Información de la empresa"
        description={
          current ? `Versión ${current.version} · ${formatDateTime(current.createdAt)}` : "Sin texto todavía."
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <section className="card p-4">
          {old ? (
            <>
              <p className="mb-2 text-sm">
                Versión {old.version} ({formatDateTime(old.createdAt)}), solo lectura ·{" "}
                <Link className="text-brand-700 underline" href="/dashboard/company">
                  volver a la actual
                </Link>
              </p>
              <pre className="whitespace-pre-wrap rounded-lg bg-ink-50 p-3 text-xs" data-testid="company-old-version">
                {old.content}
              </pre>
            </>
          ) : (
            <CompanyEditor content={current?.content ?? ""} version={current?.version ?? 0} />
          )}
        </section>
        <aside className="card p-4">
          <h2 className="mb-2 font-semibold">Versiones</h2>
          <ol className="flex flex-col gap-1 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                <Link className="text-brand-700 underline" href={`/dashboard/company?version=${v.version}`}>
                  Versión {v.version}
                </Link>{" "}
                <span className="text-ink-500">{formatDateTime(v.createdAt)}</span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </>
  );
}
