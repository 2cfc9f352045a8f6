import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditDiff, describeAudit } from "@/lib/console/audit-words";
import { bogotaDayStart } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { auditLabels, entityLabel } from "@/lib/db/audit-labels";
import { AUDIT_PAGE_SIZE, listAuditEntries, listAuditFacets } from "@/lib/db/audit-query";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Auditoría" };

const str = (v: string | string[] | undefined, max = 100) => (typeof v === "string" ? v.trim().slice(0, max) : "");
const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : "");

function Diff({ before, after }: { before: string | null; after: string | null }) {
  const rows = auditDiff(before, after);
  if (rows.length === 0) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">Qué cambió ({rows.length})</summary>
      <table className="mt-1 w-full text-left" data-testid="audit-diff">
        <thead className="text-ink-500">
          <tr>
            <th className="py-1 pr-2">Campo</th>
            <th className="py-1 pr-2">Antes</th>
            <th className="py-1">Después</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className="border-t border-ink-50 align-top">
              <td className="py-1 pr-2 font-mono">{r.field}</td>
              <td className="py-1 pr-2 break-all bg-red-50/60">{r.before}</td>
              <td className="py-1 break-all bg-green-50/60">{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
  const labels = await auditLabels(rows);
  return (
    <>
      <PageHeader title="Auditoría" description="Cada cambio del equipo: quién, cuándo, qué y cómo quedó." />
      <form method="get" className="card mb-3 grid gap-2 p-3 sm:grid-cols-3 lg:grid-cols-6" role="search">
        <div>
          <label className="label" htmlFor="audit-action">
            Acción
          </label>
          <select className="input" id="audit-action" name="action" defaultValue={filter.action}>
            <option value="">Todas las acciones</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a] ?? a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="audit-entity">
            Sobre
          </label>
          <select className="input" id="audit-entity" name="entityType" defaultValue={filter.entityType}>
            <option value="">Todo</option>
            {facets.entityTypes.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ENTITY_LABELS[a] ?? a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="audit-id">
            Número o id
          </label>
          <input className="input" id="audit-id" name="entityId" defaultValue={filter.entityId} />
        </div>
        <div>
          <label className="label" htmlFor="audit-actor">
            Quién (correo o clave)
          </label>
          <input className="input" id="audit-actor" name="actor" defaultValue={filter.actor} />
        </div>
        <div>
          <label className="label" htmlFor="audit-from">
            Desde
          </label>
          <input className="input" type="date" id="audit-from" name="from" defaultValue={from} />
        </div>
        <div>
          <label className="label" htmlFor="audit-to">
            Hasta
          </label>
          <input className="input" type="date" id="audit-to" name="to" defaultValue={to} />
        </div>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
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
              <p data-action={r.action}>
                {describeAudit(
                  { ...r, actorLabel: (r.actorId !== null ? labels.actors.get(r.actorId) : null) ?? r.actorLabel },
                  entityLabel(labels.entities, r),
                )}{" "}
                <span className="text-ink-500">· {formatDateTime(r.createdAt)}</span>
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
