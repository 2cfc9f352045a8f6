import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { RegisterTelegramWebhookButton, RetryDeliveryButton } from "@/components/channels/channel-buttons";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { Badge } from "@/components/ui/badge";
import { DataList } from "@/components/ui/data-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { type ChannelOverview, channelOverview } from "@/lib/channels/status";
import { guardPage } from "@/lib/console/pages";
import { CHANNEL_LABELS } from "@/lib/domain/channels";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Canales" };
export const dynamic = "force-dynamic";

const SENT: Record<string, string> = { pending: "En cola", working: "Enviando", done: "Enviado", failed: "Fallido" };
const RECEIVED: Record<string, string> = {
  pending: "En cola",
  working: "Procesando",
  done: "Atendido",
  failed: "Fallido",
};
const DELIVERY: Record<string, string> = {
  sent: "enviado",
  delivered: "entregado",
  read: "leído",
  failed: "no entregado",
};
const KINDS: Record<string, string> = {
  text: "Texto",
  button: "Botón",
  start: "/start",
  audio: "Nota de voz",
  image: "Foto",
  unsupported: "Otro",
};
const tone = (status: string) => (status === "failed" ? "danger" : status === "done" ? "ok" : "warn");

function StatusBadge({ o }: { o: ChannelOverview }) {
  if (!o.configured) return <Badge>No configurado</Badge>;
  if (o.missing.length > 0 || (o.check && !o.check.ok)) return <Badge tone="warn">Configurado con problemas</Badge>;
  return <Badge tone="ok">Conectado</Badge>;
}

function Settings({ o }: { o: ChannelOverview }) {
  const items: [string, React.ReactNode][] = [
    ["Modo", o.mode === "polling" ? "Consulta periódica (getUpdates), sin webhook" : "Webhook"],
    [
      "URL del webhook",
      o.webhookUrl ? (
        <code key="url" className="break-all text-xs" data-testid={`webhook-url-${o.channel}`}>
          {o.webhookUrl}
        </code>
      ) : null,
    ],
  ];
  if (o.channel === "whatsapp") {
    items.push([
      "Fuera de la ventana de 24 h",
      o.template ? (
        `se usa la plantilla «${o.template.name}» (${o.template.language})`
      ) : (
        <span key="template" className="text-warn">
          sin plantilla (WHATSAPP_TEMPLATE_NAME): esas respuestas no se pueden entregar
        </span>
      ),
    ]);
  }
  if (o.check?.ok) items.push(...o.check.lines);
  if (
    o.check?.ok &&
    o.registeredWebhook !== undefined &&
    o.mode === "webhook" &&
    o.registeredWebhook !== o.webhookUrl
  ) {
    items.push([
      "Atención",
      <span key="hook" className="text-warn">
        Telegram no entrega a esta dirección: pulsa «Registrar webhook en Telegram».
      </span>,
    ]);
  }
  return <DataList items={items} />;
}

function ChannelCard({ o }: { o: ChannelOverview }) {
  const label = CHANNEL_LABELS[o.channel];
  return (
    <section className="card flex flex-col gap-3 p-4" data-testid={`channel-${o.channel}`}>
      <h2 className="flex items-center gap-2 font-semibold">
        <ChannelIcon channel={o.channel} /> {label} <StatusBadge o={o} />
      </h2>
      {o.missing.length > 0 ? (
        <p className="text-sm text-warn">
          Falta configurar: {o.missing.join(", ")} (ver README, sección {label}).
        </p>
      ) : null}
      {o.check && !o.check.ok ? (
        <p className="text-sm text-danger" role="alert">
          {o.check.error}
        </p>
      ) : null}
      <Settings o={o} />
      <p className="text-sm text-ink-700">
        En cola para enviar: {formatNumber(o.counts.pendingOut)} · Envíos fallidos (24 h):{" "}
        {formatNumber(o.counts.failedOut)} · Recibidos sin atender: {formatNumber(o.counts.pendingIn)} · Último mensaje
        recibido: {o.counts.lastReceivedAt ? formatDateTime(o.counts.lastReceivedAt) : "nunca"}
      </p>
      {o.channel === "telegram" && o.configured && o.mode === "webhook" ? <RegisterTelegramWebhookButton /> : null}
      <Deliveries o={o} />
    </section>
  );
}

function Deliveries({ o }: { o: ChannelOverview }) {
  return (
    <div className="grid gap-3 xl:grid-cols-2">
      <div className="overflow-x-auto">
        <h3 className="mb-1 text-sm font-medium">Últimos envíos</h3>
        {o.outbox.length === 0 ? (
          <EmptyState>Todavía no se ha enviado nada.</EmptyState>
        ) : (
          <table className="w-full text-left text-xs" data-testid={`outbox-${o.channel}`}>
            <tbody>
              {o.outbox.map((m) => (
                <tr key={m.id} className="border-b border-ink-50 align-top last:border-0">
                  <td className="py-1 pr-2 whitespace-nowrap">{formatDateTime(m.createdAt)}</td>
                  <td className="py-1 pr-2">
                    <Link
                      className="text-brand-700 underline"
                      href={`/dashboard/conversations/${encodeURIComponent(m.chatId)}`}
                    >
                      {m.text || "—"}
                    </Link>
                    {m.lastError ? <p className="text-danger">{m.lastError}</p> : null}
                  </td>
                  <td className="py-1 whitespace-nowrap">
                    <Badge tone={tone(m.status)}>
                      {SENT[m.status] ?? m.status}
                      {m.deliveryStatus && m.deliveryStatus !== "sent" && m.status === "done"
                        ? ` · ${DELIVERY[m.deliveryStatus] ?? m.deliveryStatus}`
                        : ""}
                    </Badge>
                    {m.attempts > 1 ? <span className="ml-1 text-ink-500">{m.attempts} intentos</span> : null}
                    {m.status === "failed" ? <RetryDeliveryButton id={m.id} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="overflow-x-auto">
        <h3 className="mb-1 text-sm font-medium">Últimos mensajes recibidos</h3>
        {o.events.length === 0 ? (
          <EmptyState>Todavía no ha llegado nada por este canal.</EmptyState>
        ) : (
          <table className="w-full text-left text-xs" data-testid={`events-${o.channel}`}>
            <tbody>
              {o.events.map((e) => (
                <tr key={e.id} className="border-b border-ink-50 align-top last:border-0">
                  <td className="py-1 pr-2 whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                  <td className="py-1 pr-2">
                    {KINDS[e.kind] ?? e.kind} · <span className="font-mono">{e.orderKey.split(":")[1]}</span>
                    {e.lastError ? <p className="text-danger">{e.lastError}</p> : null}
                  </td>
                  <td className="py-1 whitespace-nowrap">
                    <Badge tone={tone(e.status)}>{RECEIVED[e.status] ?? e.status}</Badge>
                    {e.attempts > 1 ? <span className="ml-1 text-ink-500">{e.attempts} intentos</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

export default async function ChannelsPage() {
  await guardPage("/dashboard/channels");
  const h = await headers();
  const origin = h.get("host") ? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}` : null;
  const overviews = await Promise.all([channelOverview("telegram", origin), channelOverview("whatsapp", origin)]);
  return (
    <>
      <PageHeader
        title="Canales"
        description="Telegram y WhatsApp: el mismo asesor virtual y la misma bandeja que el chat web."
      />
      <div className="flex flex-col gap-4">
        {overviews.map((o) => (
          <ChannelCard key={o.channel} o={o} />
        ))}
      </div>
    </>
  );
}
