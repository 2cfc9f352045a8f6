import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelOrderForm } from "@/components/console/cancel-order-form";
import { FulfilmentPanel, OrderCommentForm } from "@/components/console/fulfilment-panel";
import { OrderStateBadge } from "@/components/console/order-state-badge";
import { OrderQuoteButton } from "@/components/documents/quote-button";
import { DataList } from "@/components/ui/data-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { CHANNEL_LABELS, ORDER_STATE_LABELS } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { listOrderComments, staffNames } from "@/lib/db/fulfilment";
import { getOrderDetail } from "@/lib/db/order-admin";
import {
  availableActions,
  cancellationRefusal,
  cancellationRestoresStock,
  FULFILMENT_LABELS,
  isFulfilmentState,
} from "@/lib/domain/fulfilment";
import { formatCop, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Pedido" };

const ACTORS: Record<string, string> = { bot: "Asesor virtual", staff: "Equipo", api: "API", system: "Sistema" };
const ROLE_LABELS: Record<string, string> = {
  customer: "Cliente",
  assistant: "Asesor virtual",
  staff: "Asesor",
  system: "Sistema",
};

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const principal = await guardPage("/dashboard/orders/[id]", `/dashboard/orders/${raw}`);
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const order = await getOrderDetail(id);
  if (!order) notFound();
  const canWrite = can(principal.role, "orders:write");
  const canCancel = canWrite && order.state !== "cancelada";
  const refusal = cancellationRefusal(order);
  const [comments, names] = await Promise.all([
    listOrderComments(order.id),
    staffNames(order.history.map((h) => (h.actorType === "staff" ? h.actorId : null))),
  ]);
  const stateLabel = (s: string) => (isFulfilmentState(s) ? FULFILMENT_LABELS[s] : (ORDER_STATE_LABELS[s] ?? s));
  // one timeline: state changes and comments, oldest first
  const timeline = [
    ...order.history.map((h) => ({ kind: "state" as const, at: h.createdAt, key: `s${h.id}`, h })),
    ...comments.map((c) => ({ kind: "comment" as const, at: c.createdAt, key: `c${c.id}`, c })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <>
      <PageHeader
        title={`Pedido ${order.number}`}
        description={
          <span className="flex items-center gap-2">
            <OrderStateBadge state={order.state} fulfilment={order.fulfilment} />{" "}
            {CHANNEL_LABELS[order.channel] ?? order.channel} · creado {formatDateTime(order.createdAt)}
          </span>
        }
        actions={
          <>
            {can(principal.role, "orders:write") && order.state !== "cancelada" && order.lines.length > 0 ? (
              <OrderQuoteButton orderId={order.id} />
            ) : null}
            {order.state === "cerrada" ? (
              <a
                className="btn-secondary"
                href={`/api/console/orders/${order.id}/remision`}
                target="_blank"
                rel="noopener"
                data-testid="remision-link"
              >
                Remisión PDF
              </a>
            ) : null}
            <Link className="btn-secondary" href="/dashboard/orders">
              Volver a ventas
            </Link>
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          <section className="card overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="order-lines">
              <thead className="border-b border-ink-100 bg-ink-50 text-xs uppercase text-ink-500">
                <tr>
                  <th className="px-3 py-2">SKU</th>
                  <th className="px-3 py-2">Producto</th>
                  <th className="px-3 py-2 text-right">Cantidad</th>
                  <th className="px-3 py-2 text-right">Precio unitario</th>
                  <th className="px-3 py-2 text-right">Subtotal</th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((l) => (
                  <tr key={l.id} className="border-b border-ink-50">
                    <td className="px-3 py-2 font-mono text-xs">
                      {l.productId ? <Link href={`/dashboard/inventory/${l.productId}`}>{l.sku}</Link> : l.sku}
                    </td>
                    <td className="px-3 py-2">{l.name}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(l.quantity)}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatCop(l.unitPrice)}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatCop(l.subtotal)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={4} className="px-3 py-2 text-right font-medium">
                    Total (IVA incluido)
                  </td>
                  <td className="px-3 py-2 text-right font-semibold whitespace-nowrap tabular-nums">
                    {formatCop(order.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </section>
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Historial y comentarios</h2>
            <ol
              className="relative mb-3 flex flex-col gap-3 border-l border-ink-100 pl-4 text-sm"
              data-testid="order-history"
            >
              {timeline.map((item) =>
                item.kind === "state" ? (
                  <li key={item.key} data-kind="state">
                    <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-brand-500" aria-hidden />
                    <p className="font-medium">
                      {item.h.fromState ? `${stateLabel(item.h.fromState)} → ` : ""}
                      {stateLabel(item.h.toState)}
                    </p>
                    <p className="text-ink-500">
                      {formatDateTime(item.h.createdAt)} ·{" "}
                      {(item.h.actorId !== null ? names.get(item.h.actorId) : null) ??
                        ACTORS[item.h.actorType] ??
                        item.h.actorType}
                      {item.h.note ? ` · ${item.h.note}` : ""}
                    </p>
                  </li>
                ) : (
                  <li key={item.key} data-kind="comment">
                    <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-ink-300" aria-hidden />
                    <p className="whitespace-pre-wrap">{item.c.text}</p>
                    <p className="text-ink-500">
                      Comentario de {item.c.author?.name ?? "alguien del equipo"} · {formatDateTime(item.c.createdAt)}
                    </p>
                  </li>
                ),
              )}
            </ol>
            {canWrite ? <OrderCommentForm orderId={order.id} /> : null}
          </section>
          {order.conversation ? (
            <section className="card p-4">
              <div className="mb-2 flex items-center justify-between">
                <h2 className="font-semibold">Conversación que originó el pedido</h2>
                <Link
                  className="text-sm text-brand-700 underline"
                  href={`/dashboard/conversations/${order.conversation.chatId}`}
                >
                  Abrir en la bandeja
                </Link>
              </div>
              <ol className="flex max-h-96 flex-col gap-2 overflow-y-auto text-sm">
                {order.conversation.messages.map((m) => (
                  <li key={m.id} className={m.role === "customer" ? "text-ink-900" : "text-ink-700"}>
                    <span className="font-medium">{ROLE_LABELS[m.role] ?? m.role}:</span> {m.text}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
        <div className="flex flex-col gap-4">
          <section className="card p-4">
            <h2 className="mb-2 font-semibold">Cliente</h2>
            <DataList
              items={[
                [
                  "Nombre",
                  order.client ? (
                    <Link key="client" href={`/dashboard/clients/${order.client.id}`}>
                      {order.client.name}
                    </Link>
                  ) : (
                    order.customerName
                  ),
                ],
                [
                  "Documento",
                  order.customerDocument ? `${order.customerDocumentType ?? ""} ${order.customerDocument}` : null,
                ],
                ["Celular", order.customerPhone],
                ["Correo", order.customerEmail],
                ["Dirección", order.customerAddress],
                ["Ciudad", order.customerCity],
                ["Registró", order.createdBy?.name ?? null],
                ["Transportadora", order.carrier],
                ["Guía", order.trackingNumber],
                ["Pagado", order.paidAt ? formatDateTime(order.paidAt) : null],
                ["Despachado", order.dispatchedAt ? formatDateTime(order.dispatchedAt) : null],
                ["Entregado", order.deliveredAt ? formatDateTime(order.deliveredAt) : null],
                [
                  "Cancelado",
                  order.cancelledAt ? `${formatDateTime(order.cancelledAt)} · ${order.cancelReason ?? ""}` : null,
                ],
              ]}
            />
          </section>
          {canWrite && order.state === "cerrada" ? (
            <section className="card p-4">
              <h2 className="mb-2 font-semibold">Entrega</h2>
              <FulfilmentPanel orderId={order.id} next={availableActions(order)} />
            </section>
          ) : null}
          {canCancel ? (
            <section className="card p-4">
              {refusal ? (
                <p className="text-sm text-ink-700" data-testid="cancel-refused">
                  {refusal}
                </p>
              ) : (
                <CancelOrderForm
                  orderId={order.id}
                  number={order.number}
                  restoresStock={cancellationRestoresStock(order)}
                />
              )}
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
