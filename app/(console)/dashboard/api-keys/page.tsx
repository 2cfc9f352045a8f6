import type { Metadata } from "next";
import { CreateApiKeyForm, RevokeApiKeyButton } from "@/components/console/api-key-forms";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { isRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { listApiKeys } from "@/lib/db/api-keys";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Claves API" };

export default async function ApiKeysPage() {
  await guardPage("/dashboard/api-keys");
  const keys = await listApiKeys();
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
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="api-keys-table">
          <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase text-ink-500">
            <tr>
              <th className="px-3 py-2">Nombre</th>
              <th className="px-3 py-2">Prefijo</th>
              <th className="px-3 py-2">Rol</th>
              <th className="px-3 py-2">Creada</th>
              <th className="px-3 py-2">Último uso</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-ink-50 last:border-0">
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-3 py-2">{isRole(k.role) ? ROLE_LABELS[k.role] : k.role}</td>
                <td className="px-3 py-2">
                  {formatDateTime(k.createdAt)}
                  {k.createdBy ? ` · ${k.createdBy.name}` : ""}
                </td>
                <td className="px-3 py-2">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Nunca"}</td>
                <td className="px-3 py-2">
                  {k.revokedAt ? (
                    <Badge tone="danger">Revocada {formatDateTime(k.revokedAt)}</Badge>
                  ) : (
                    <RevokeApiKeyButton id={k.id} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
