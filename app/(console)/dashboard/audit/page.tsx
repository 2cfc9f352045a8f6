import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { bogotaDayStart } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { AUDIT_PAGE_SIZE, listAuditEntries, listAuditFacets } from "@/lib/db/audit-query";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Auditoría" };

const str = (v: string | string[] | undefined, max = 100) => (typeof v === "string" ? v.trim().slice(0, max) : "");
const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : "");

function Diff({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">Antes / después</summary>
      <div className="mt-1 grid gap-2 md:grid-cols-2">
        <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-red-50 p-2">
          {before ? JSON.stringify(JSON.parse(before), null, 2) : "—"}
        </pre>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-green-50 p-2">
          {after ? JSON.stringify(JSON.parse(after), null, 2) : "—"}
        </pre>
      </div>
    </details>
  );
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/audit");
  const p = await searchParams;
  const from = day(str(p.from));
  const to = day(str(p.to));
  const filter = {
    action: str(p.action),
    entityType: str(p.entityType),
    entityId: str(p.entityId),
    actor: str(p.actor),
    from: from ? bogotaDayStart(from) : null,
    to: to ? new Date(bogotaDayStart(to).getTime() + 86_400_000) : null,
    page: Math.max(1, Math.min(100_000, Number(p.page) || 1)),
  };
  const [{ rows, total }, facets] = await Promise.all([listAuditEntries(filter), listAuditFacets()]);
  return (
    <>
      <PageHeader title="Auditoría" description="Cada cambio del equipo: quién, cuándo, qué y cómo quedó." />
      <form method="get" className="card mb-3 grid gap-2 p-3 sm:grid-cols-3 lg:grid-cols-6" role="search">
        <select className="input" name="action" defaultValue={filter.action} aria-label="Acción">
          <option value="">Todas las acciones</option>
          {facets.actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <select className="input" name="entityType" defaultValue={filter.entityType} aria-label="Entidad">
          <option value="">Todas las entidades</option>
          {facets.entityTypes.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <input
          className="input"
          name="entityId"
          defaultValue={filter.entityId}
          placeholder="Id de la entidad"
          aria-label="Id"
        />
        <input
          className="input"
          name="actor"
          defaultValue={filter.actor}
          placeholder="Usuario o clave"
          aria-label="Quién"
        />
        <input className="input" type="date" name="from" defaultValue={from} aria-label="Desde" />
        <input className="input" type="date" name="to" defaultValue={to} aria-label="Hasta" />
        <div className="flex gap-2">
          <button className="btn-primary" type="submit">
            Filtrar
          </button>
          <Link className="btn-secondary" href="/dashboard/audit">
            Limpiar
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState>No hay registros con esos filtros.</EmptyState>
      ) : (
        <ol className="card divide-y divide-ink-50" data-testid="audit-list">
          {rows.map((r) => (
            <li key={r.id} className="px-3 py-2 text-sm">
              <p>
                <span className="font-mono text-xs text-brand-700">{r.action}</span> · {r.entityType}
                {r.entityId ? ` #${r.entityId}` : ""} · <strong>{r.actorLabel}</strong> ·{" "}
                <span className="text-ink-500">{formatDateTime(r.createdAt)}</span>
              </p>
              {r.reason ? <p className="text-ink-700">Motivo: {r.reason}</p> : null}
              <Diff before={r.before} after={r.after} />
            </li>
          ))}
        </ol>
      )}
      <Pagination
        basePath="/dashboard/audit"
        params={{
          action: filter.action || undefined,
          entityType: filter.entityType || undefined,
          entityId: filter.entityId || undefined,
          actor: filter.actor || undefined,
          from: from || undefined,
          to: to || undefined,
        }}
        page={filter.page}
        pageSize={AUDIT_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
