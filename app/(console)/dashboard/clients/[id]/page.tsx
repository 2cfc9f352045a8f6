import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientForm } from "@/components/console/client-form";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { DataList } from "@/components/ui/data-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { getClientDetail } from "@/lib/db/clients";
import { formatCop, formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/http/ids";

export const metadata: Metadata = { title: "Cliente" };

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const principal = await guardPage("/dashboard/clients/[id]", `/dashboard/clients/${raw}`);
  const id = parseId(raw);
  if (id === null) notFound();
  const client = await getClientDetail(id);
  if (!client) notFound();
  return (
    <>
      <PageHeader
        title={client.name}
        description={`${client.documentType} ${client.documentNumber}`}
        actions={
          <Link className="btn-secondary" href="/dashboard/clients">
            Volver a clientes
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Contacto</h2>
            <ClientForm id={client.id} initial={client} disabled={!can(principal.role, "clients:write")} />
          </section>
          <section className="card overflow-x-auto p-4">
            <h2 className="mb-2 font-semibold">Pedidos</h2>
            {client.orders.length === 0 ? (
              <p className="text-sm text-ink-500">Sin pedidos.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <tbody>
                  {client.orders.map((o) => (
                    <tr key={o.id} className="border-b border-ink-50 last:border-0">
                      <td className="py-1.5 font-mono text-xs">
                        <Link className="text-brand-700 underline" href={`/dashboard/orders/${o.id}`}>
                          {o.number}
                        </Link>
                      </td>
                      <td>{formatDateTime(o.createdAt)}</td>
                      <td>
                        <OrderStateBadge state={o.state} />
                      </td>
                      <td className="text-right whitespace-nowrap tabular-nums">{formatCop(o.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <aside className="flex flex-col gap-4">
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Resumen</h2>
            <DataList
              items={[
                ["Compras", formatNumber(client.purchaseCount)],
                ["Total comprado", formatCop(client.purchaseTotal)],
                ["Primera compra", client.firstPurchaseAt ? formatDate(client.firstPurchaseAt) : null],
                ["Última compra", client.lastPurchaseAt ? formatDate(client.lastPurchaseAt) : null],
                ["Cliente desde", formatDate(client.createdAt)],
              ]}
            />
          </section>
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Conversaciones</h2>
            {client.conversations.length === 0 ? (
              <p className="text-sm text-ink-500">Sin conversaciones.</p>
            ) : (
              <ul className="flex flex-col gap-2 text-sm">
                {client.conversations.map((c) => (
                  <li key={c.chatId}>
                    <Link
                      className="text-brand-700 underline"
                      href={`/dashboard/conversations/${encodeURIComponent(c.chatId)}`}
                    >
                      {formatDateTime(c.lastMessageAt)} · {c.messageCount} mensajes
                    </Link>
                    <p className="truncate text-ink-500">{c.lastMessagePreview}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
