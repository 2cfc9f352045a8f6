import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConversationDelivery } from "@/components/channels/conversation-delivery";
import { LiveRefresh } from "@/components/console/live-refresh";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { TakeoverControls } from "@/components/console/takeover-controls";
import { Badge } from "@/components/ui/badge";
import { DataList } from "@/components/ui/data-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { getConversationDetail } from "@/lib/db/inbox";
import { formatCop, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Conversación" };

const BUBBLES: Record<string, { label: string; className: string }> = {
  customer: { label: "Cliente", className: "self-start bg-white border border-ink-100" },
  assistant: { label: "Asesor virtual", className: "self-end bg-brand-50" },
  staff: { label: "Asesor", className: "self-end bg-green-50" },
  system: { label: "Aviso", className: "self-center bg-ink-100 text-xs" },
};

/** A malformed escape (a bare `%`) names no conversation: not found, not a 500. */
function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export default async function ConversationPage({ params }: { params: Promise<{ chatId: string }> }) {
  const { chatId: raw } = await params;
  const principal = await guardPage("/dashboard/conversations/[chatId]", `/dashboard/conversations/${raw}`);
  const chatId = decodeSegment(raw);
  const conversation = chatId === null ? null : await getConversationDetail(chatId);
  if (!conversation || chatId === null) notFound();
  const order = conversation.orders[0];
  return (
    <>
      <PageHeader
        title={conversation.client?.name ?? conversation.customerName ?? `Chat ${chatId.slice(0, 12)}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <LiveRefresh chatId={chatId} />
            {conversation.botEnabled ? (
              <Badge>Atiende el asesor virtual</Badge>
            ) : (
              <Badge tone="brand">
                Atiende {conversation.takenOverBy?.name ?? "una persona"}
                {conversation.takenOverAt ? ` desde ${formatDateTime(conversation.takenOverAt)}` : ""}
              </Badge>
            )}
          </span>
        }
        actions={
          <Link className="btn-secondary" href="/dashboard/conversations">
            Volver a la bandeja
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <section className="card flex flex-col gap-3 p-4">
          <ol className="flex max-h-[60vh] flex-col gap-2 overflow-y-auto" data-testid="conversation-messages">
            {conversation.messages.map((m) => {
              const bubble = BUBBLES[m.role] ?? { label: m.role, className: "bg-white" };
              return (
                <li
                  key={m.id}
                  className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${bubble.className}`}
                  data-role={m.role}
                >
                  <p className="mb-0.5 text-xs text-ink-500">
                    {m.role === "staff" && m.author ? m.author.name : bubble.label} · {formatDateTime(m.createdAt)}
                  </p>
                  <p className="whitespace-pre-wrap">{m.text}</p>
                </li>
              );
            })}
          </ol>
          <TakeoverControls
            chatId={chatId}
            botEnabled={conversation.botEnabled}
            canTakeOver={can(principal.role, "conversations:takeover")}
          />
        </section>
        <aside className="flex flex-col gap-4">
          <ConversationDelivery
            chatId={chatId}
            channel={conversation.channel}
            canRetry={can(principal.role, "conversations:takeover")}
          />
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Pedido</h2>
            {order ? (
              <>
                <p className="mb-2 flex items-center gap-2 text-sm">
                  <Link className="font-mono text-brand-700 underline" href={`/dashboard/orders/${order.id}`}>
                    {order.number}
                  </Link>
                  <OrderStateBadge state={order.state} />
                </p>
                <ul className="mb-2 text-sm">
                  {order.lines.map((l) => (
                    <li key={l.id} className="flex justify-between gap-2">
                      <span>
                        {formatNumber(l.quantity)} × {l.name}
                      </span>
                      <span className="whitespace-nowrap tabular-nums">{formatCop(l.subtotal)}</span>
                    </li>
                  ))}
                </ul>
                <p className="text-right font-semibold whitespace-nowrap tabular-nums">{formatCop(order.total)}</p>
              </>
            ) : (
              <p className="text-sm text-ink-500">Esta conversación no tiene pedido.</p>
            )}
          </section>
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Cliente</h2>
            <DataList
              items={[
                [
                  "Nombre",
                  conversation.client ? (
                    <Link key="client" href={`/dashboard/clients/${conversation.client.id}`}>
                      {conversation.client.name}
                    </Link>
                  ) : (
                    conversation.customerName
                  ),
                ],
                ["Documento", conversation.client?.documentNumber ?? null],
                ["Celular", conversation.client?.phone ?? null],
                ["Canal", conversation.channel],
                [
                  "Chat",
                  <span key="id" className="font-mono text-xs">
                    {chatId}
                  </span>,
                ],
              ]}
            />
          </section>
        </aside>
      </div>
    </>
  );
}
