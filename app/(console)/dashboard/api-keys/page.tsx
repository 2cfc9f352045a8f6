import type { Metadata } from "next";
import { z } from "zod";
import { CreateApiKeyForm, RevokeApiKeyButton } from "@/components/console/api-key-forms";
import { Badge } from "@/components/ui/badge";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { isRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { pageParam, parseSearchParams, sortParam, sortToParam } from "@/lib/console/search-params";
import { API_KEY_SORTS, API_KEYS_PAGE_SIZE, listApiKeys } from "@/lib/db/api-keys";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Claves API" };

// no sort in the URL = live keys first, newest first
const KEYS_QUERY = z.object({ page: pageParam, sort: sortParam(API_KEY_SORTS, null) });

const COLUMNS: DataColumn[] = [
  { id: "name", header: "Nombre", sortable: true },
  { id: "prefix", header: "Prefijo", hideBelow: "md" },
  { id: "role", header: "Rol", sortable: true },
  { id: "createdAt", header: "Creada", sortable: true, descFirst: true, hideBelow: "lg" },
  { id: "lastUsedAt", header: "Último uso", sortable: true, descFirst: true },
  { id: "status", header: "Estado" },
];

export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/api-keys");
  const { page, sort } = parseSearchParams(KEYS_QUERY, await searchParams);
  const { rows, total } = await listApiKeys({ sort, page });
  return (
    <>
      <PageHeader
        title="Claves API"
        description={
          <>
            Para integraciones: <code>Authorization: Bearer svk_…</code>. Cada clave actúa con los permisos de su rol.
          </>
        }
      />
      <section className="card mb-4 p-4">
        <CreateApiKeyForm />
      </section>
      <DataTable
        columns={COLUMNS}
        rows={rows.map((k) => ({
          key: String(k.id),
          cells: {
            name: <span className="font-medium">{k.name}</span>,
            prefix: <span className="font-mono text-xs">{k.prefix}…</span>,
            role: isRole(k.role) ? ROLE_LABELS[k.role] : k.role,
            createdAt: (
              <>
                {formatDateTime(k.createdAt)}
                {k.createdBy ? ` · ${k.createdBy.name}` : ""}
              </>
            ),
            lastUsedAt: k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Nunca",
            status: k.revokedAt ? (
              <Badge tone="danger">Revocada {formatDateTime(k.revokedAt)}</Badge>
            ) : (
              <RevokeApiKeyButton id={k.id} />
            ),
          },
        }))}
        basePath="/dashboard/api-keys"
        params={{ sort: sortToParam(sort) }}
        sort={sort}
        pagination={{ kind: "pages", page, pageSize: API_KEYS_PAGE_SIZE, total }}
        empty="Todavía no hay claves API."
        caption="Claves API"
        testId="api-keys-table"
      />
    </>
  );
}
