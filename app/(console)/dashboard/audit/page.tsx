import type { Metadata } from "next";
import { z } from "zod";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditDiff, describeAudit } from "@/lib/console/audit-words";
import { bogotaDayStart } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { pageParam, parseSearchParams, sortParam, sortToParam } from "@/lib/console/search-params";
import { auditLabels, entityLabel } from "@/lib/db/audit-labels";
import {
  AUDIT_PAGE_SIZE,
  AUDIT_SORTS,
  DEFAULT_AUDIT_SORT,
  listAuditEntries,
  listAuditFacets,
} from "@/lib/db/audit-query";
import { isoDay } from "@/lib/domain/bounds";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Auditoría" };

const text = z.string().trim().max(100).catch("");
const AUDIT_QUERY = z.object({
  action: text,
  entityType: text,
  entityId: text,
  actor: text,
  from: isoDay.catch(""),
  to: isoDay.catch(""),
  page: pageParam,
  sort: sortParam(AUDIT_SORTS, DEFAULT_AUDIT_SORT),
});

const COLUMNS: DataColumn[] = [
  { id: "createdAt", header: "Cuándo", sortable: true, descFirst: true },
  { id: "action", header: "Qué pasó", sortable: true },
  { id: "changes", header: "Cambios", hideBelow: "md" },
];

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
  const query = parseSearchParams(AUDIT_QUERY, await searchParams);
  const { from, to } = query;
  const filter = {
    ...query,
    from: from ? bogotaDayStart(from) : null,
    to: to ? new Date(bogotaDayStart(to).getTime() + 86_400_000) : null,
  };
  const [{ rows, total }, facets] = await Promise.all([listAuditEntries(filter), listAuditFacets()]);
  const labels = await auditLabels(rows);
  const params = {
    action: query.action || undefined,
    entityType: query.entityType || undefined,
    entityId: query.entityId || undefined,
    actor: query.actor || undefined,
    from: from || undefined,
    to: to || undefined,
    sort: sortToParam(query.sort, DEFAULT_AUDIT_SORT),
  };
  return (
    <>
      <PageHeader title="Auditoría" description="Cada cambio del equipo: quién, cuándo, qué y cómo quedó." />
      <DataTable
        columns={COLUMNS}
        rows={rows.map((r) => ({
          key: String(r.id),
          data: { action: r.action },
          cells: {
            createdAt: <span className="whitespace-nowrap text-ink-500">{formatDateTime(r.createdAt)}</span>,
            action: (
              <>
                <p>
                  {describeAudit(
                    {
                      ...r,
                      actorLabel: (r.actorId !== null ? labels.actors.get(r.actorId) : null) ?? r.actorLabel,
                    },
                    entityLabel(labels.entities, r),
                  )}
                </p>
                {r.reason ? <p className="text-ink-700">Motivo: {r.reason}</p> : null}
              </>
            ),
            changes: <Diff before={r.before} after={r.after} />,
          },
        }))}
        basePath="/dashboard/audit"
        params={params}
        sort={query.sort}
        pagination={{ kind: "pages", page: query.page, pageSize: AUDIT_PAGE_SIZE, total }}
        filters={
          <FilterForm
            basePath="/dashboard/audit"
            keep={{ sort: params.sort }}
            className="sm:grid-cols-3 lg:grid-cols-7"
          >
            <div>
              <label className="label" htmlFor="audit-action">
                Acción
              </label>
              <select className="input" id="audit-action" name="action" defaultValue={query.action}>
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
              <select className="input" id="audit-entity" name="entityType" defaultValue={query.entityType}>
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
              <input className="input" id="audit-id" name="entityId" defaultValue={query.entityId} />
            </div>
            <div>
              <label className="label" htmlFor="audit-actor">
                Quién (correo o clave)
              </label>
              <input className="input" id="audit-actor" name="actor" defaultValue={query.actor} />
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
          </FilterForm>
        }
        empty="No hay registros con esos filtros."
        caption="Registro de auditoría"
        testId="audit-list"
      />
    </>
  );
}
