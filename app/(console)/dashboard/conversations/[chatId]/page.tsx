import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConversationDelivery } from "@/components/channels/conversation-delivery";
import { ConversationThread, type ThreadItem } from "@/components/console/conversation-thread";
import { InboxSeen } from "@/components/console/inbox-seen";
import { LiveRefresh } from "@/components/console/live-refresh";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { TakeoverControls } from "@/components/console/takeover-controls";
import { Badge } from "@/components/ui/badge";
import { DataList } from "@/components/ui/data-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { conversationDisplayName } from "@/lib/console/conversation-name";
import { guardPage } from "@/lib/console/pages";
import { getConversationDetail, listAttendingStaff } from "@/lib/db/inbox";
import { listCannedReplies, listConversationNotes } from "@/lib/db/inbox-notes";
import { markConversationRead } from "@/lib/db/inbox-views";
import { formatCop, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Conversación" };

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
  const canAttend = can(principal.role, "conversations:takeover");
  const [notes, canned, staff] = await Promise.all([
    listConversationNotes(conversation.id),
    canAttend ? listCannedReplies() : Promise.resolve([]),
    canAttend ? listAttendingStaff() : Promise.resolve([]),
  ]);
  const newest = conversation.messages.at(-1);
  // opening the thread reads it: this user's unread count for it drops to zero
  if (principal.kind === "user" && newest) await markConversationRead(principal.id, conversation.id, newest.id);
  const items: ThreadItem[] = [
    ...conversation.messages.map((m) => ({
      key: `m${m.id}`,
      kind: "message" as const,
      role: m.role,
      author: m.role === "staff" ? (m.author?.name ?? null) : null,
      text: m.text,
      at: m.createdAt.toISOString(),
      when: formatDateTime(m.createdAt),
    })),
    ...notes.map((n) => ({
      key: `n${n.id}`,
      kind: "note" as const,
      role: "note",
      author: n.author?.name ?? null,
      text: n.text,
      at: n.createdAt.toISOString(),
      when: formatDateTime(n.createdAt),
    })),
  ].sort((x, y) => x.at.localeCompare(y.at));
  const name = conversationDisplayName({ ...conversation, orders: order ? [order] : [] });
  return (
    <>
      <PageHeader
        title={name}
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
        <section className="card flex h-[calc(100dvh-11rem)] min-h-[28rem] flex-col gap-3 p-4">
          <ConversationThread items={items} />
          <InboxSeen marker={newest?.id ?? 0} />
          <TakeoverControls
            chatId={chatId}
            botEnabled={conversation.botEnabled}
            canTakeOver={canAttend}
            canned={canned.map((c) => ({ shortcut: c.shortcut, text: c.text }))}
            staff={staff}
            attendingId={conversation.takenOverById}
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
                    (conversation.customerName ?? order?.customerName ?? null)
                  ),
                ],
                ["Documento", conversation.client?.documentNumber ?? null],
                ["Celular", conversation.client?.phone ?? order?.customerPhone ?? null],
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
