import type { Metadata } from "next";
import { CreateUserForm, UserRowControls } from "@/components/console/user-forms";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { isRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { listUsers } from "@/lib/db/users";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Usuarios" };

export default async function UsersPage() {
  const principal = await guardPage("/dashboard/users");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Usuarios" description="Quién entra a la consola y con qué rol." />
      <section className="card mb-4 p-4">
        <h2 className="mb-2 font-semibold">Nuevo usuario</h2>
        <CreateUserForm />
      </section>
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase text-ink-500">
            <tr>
              <th className="px-3 py-2">Usuario</th>
              <th className="px-3 py-2">Rol</th>
              <th className="px-3 py-2">Último ingreso</th>
              <th className="px-3 py-2">Acciones</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-ink-50 last:border-0">
                <td className="px-3 py-2">
                  <p className="font-medium">
                    {u.name} {u.active ? null : <Badge tone="danger">Desactivado</Badge>}
                  </p>
                  <p className="text-ink-500">{u.email}</p>
                </td>
                <td className="px-3 py-2">{isRole(u.role) ? ROLE_LABELS[u.role] : u.role}</td>
                <td className="px-3 py-2">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Nunca"}</td>
                <td className="px-3 py-2">
                  <UserRowControls
                    id={u.id}
                    role={u.role}
                    active={u.active}
                    self={principal.id === u.id && principal.kind === "user"}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
