import type { Metadata } from "next";
import { z } from "zod";
import { CreateUserForm, UserRowControls } from "@/components/console/user-forms";
import { Badge } from "@/components/ui/badge";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { isRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { pageParam, parseSearchParams, sortParam, sortToParam } from "@/lib/console/search-params";
import { listUsers, USER_SORTS, USERS_PAGE_SIZE } from "@/lib/db/users";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Usuarios" };

// no sort in the URL = active accounts first, then by name
const USERS_QUERY = z.object({ page: pageParam, sort: sortParam(USER_SORTS, null) });

const COLUMNS: DataColumn[] = [
  { id: "name", header: "Usuario", sortable: true },
  { id: "role", header: "Rol", sortable: true },
  { id: "lastLoginAt", header: "Último ingreso", sortable: true, descFirst: true, hideBelow: "md" },
  { id: "actions", header: "Acciones" },
];

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await guardPage("/dashboard/users");
  const { page, sort } = parseSearchParams(USERS_QUERY, await searchParams);
  const { rows, total } = await listUsers({ sort, page });
  return (
    <>
      <PageHeader title="Usuarios" description="Quién entra a la consola y con qué rol." />
      <section className="card mb-4 p-4">
        <h2 className="mb-2 font-semibold">Nuevo usuario</h2>
        <CreateUserForm />
      </section>
      <DataTable
        columns={COLUMNS}
        rows={rows.map((u) => ({
          key: String(u.id),
          cells: {
            name: (
              <>
                <p className="font-medium">
                  {u.name} {u.active ? null : <Badge tone="danger">Desactivado</Badge>}
                </p>
                <p className="text-ink-500">{u.email}</p>
              </>
            ),
            role: isRole(u.role) ? ROLE_LABELS[u.role] : u.role,
            lastLoginAt: u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Nunca",
            actions: (
              <UserRowControls
                id={u.id}
                role={u.role}
                active={u.active}
                self={principal.id === u.id && principal.kind === "user"}
              />
            ),
          },
        }))}
        basePath="/dashboard/users"
        params={{ sort: sortToParam(sort) }}
        sort={sort}
        pagination={{ kind: "pages", page, pageSize: USERS_PAGE_SIZE, total }}
        empty="No hay usuarios."
        caption="Usuarios de la consola"
        testId="users-table"
      />
    </>
  );
}
