import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { GlobalBotSwitch } from "@/components/console/global-bot-switch";
import { LiveRefresh } from "@/components/console/live-refresh";
import { Badge } from "@/components/ui/badge";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { SelectFilter } from "@/components/ui/select-filter";
import { can } from "@/lib/auth/permissions";
import { conversationDisplayName } from "@/lib/console/conversation-name";
import { ORDER_STATE_LABELS } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { parseSearchParams } from "@/lib/console/search-params";
import { INBOX_PAGE_SIZE } from "@/lib/db/inbox";
import { INBOX_VIEW_LABELS, INBOX_VIEWS, type InboxView, listInboxView } from "@/lib/db/inbox-views";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { formatDateTime, formatNumber, formatWaiting } from "@/lib/format";

const ATTENTION_LABELS: Record<string, string> = {
  bot_off: "Bot apagado",
  asked: "Pidió una persona",
  not_understood: "El bot no entendió",
  entrega_fallida: "Mensaje no entregado",
  mensaje_sin_respuesta: "Sin respuesta",
};

export const metadata: Metadata = { title: "Conversaciones" };

const INBOX_QUERY = z.object({
  q: z.string().trim().max(100).catch(""),
  mode: z.enum(["all", "bot", "human"]).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  view: z.enum(INBOX_VIEWS).catch("all"),
});

// Each view keeps its own order (the queue: longest waiting first; the rest: latest message first).
const COLUMNS: DataColumn[] = [
  { id: "conversation", header: "Conversación" },
  { id: "topic", header: "Tema", hideBelow: "xl" },
  { id: "preview", header: "Último mensaje", hideBelow: "md" },
  { id: "lastMessageAt", header: "Fecha" },
  { id: "messages", header: "Mensajes", align: "right", hideBelow: "lg" },
];

const INTENTS: Record<string, string> = {
  inventario: "Inventario",
  venta: "Venta",
  cliente: "Cliente",
  contexto: "Empresa",
};

export default async function ConversationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await guardPage("/dashboard/conversations");
  const params = await searchParams;
  const { q, mode, page, view } = parseSearchParams(INBOX_QUERY, params);
  const userId = principal.kind === "user" ? principal.id : null;
  const [{ rows, total }, bot] = await Promise.all([
    listInboxView({ q, mode, page, view }, userId),
    getGlobalBotSetting(),
  ]);
  const now = Date.now();
  const tabHref = (v: InboxView) => {
    const query = new URLSearchParams();
    if (v !== "all") query.set("view", v);
    if (q) query.set("q", q);
    if (mode !== "all") query.set("mode", mode);
    const text = query.toString();
    return `/dashboard/conversations${text ? `?${text}` : ""}`;
  };
  return (
    <>
      <PageHeader title="Conversaciones" description={<LiveRefresh />} />
      <section className={`card mb-3 p-3 ${bot.enabled ? "" : "border-danger"}`} data-testid="global-bot">
        <p className="mb-2 text-sm">
          Asesor virtual:{" "}
          {bot.enabled ? (
            <Badge tone="ok">Encendido</Badge>
          ) : (
            <>
              <Badge tone="danger">Apagado en todos los chats</Badge> {bot.reason ? `· ${bot.reason}` : ""}
            </>
          )}
          {bot.by && bot.at ? (
            <span className="text-ink-500">
              {" "}
              · último cambio: {bot.by}, {formatDateTime(bot.at)}
            </span>
          ) : null}
        </p>
        {can(principal.role, "bot:global-toggle") ? <GlobalBotSwitch enabled={bot.enabled} /> : null}
      </section>
      <nav aria-label="Vistas de la bandeja" className="mb-3 flex flex-wrap gap-1" data-testid="inbox-views">
        {INBOX_VIEWS.map((v) => (
          <Link
            key={v}
            href={tabHref(v)}
            aria-current={v === view ? "page" : undefined}
            className={`rounded-lg px-3 py-1.5 text-sm font-medium ${
              v === view ? "bg-brand-50 text-brand-700" : "text-ink-700 hover:bg-ink-50"
            }`}
          >
            {INBOX_VIEW_LABELS[v]}
          </Link>
        ))}
      </nav>
      <DataTable
        columns={COLUMNS}
        rows={rows.map((c) => ({
          key: String(c.id),
          cells: {
            conversation: (
              <Link
                href={`/dashboard/conversations/${encodeURIComponent(c.chatId)}`}
                className={`block min-w-0 hover:text-brand-700 ${c.unread > 0 ? "font-semibold" : ""}`}
                data-chat-id={c.chatId}
                data-unread={c.unread}
              >
                <span className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  <ChannelIcon channel={c.channel} />
                  <span className={c.unread > 0 ? "font-semibold" : ""}>{conversationDisplayName(c)}</span>
                  {c.unread > 0 ? (
                    <span
                      className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
                      data-testid="unread-count"
                      title="Mensajes sin leer"
                    >
                      {formatNumber(c.unread)}
                      <span className="sr-only"> sin leer</span>
                    </span>
                  ) : null}
                  {c.botEnabled ? (
                    <Badge>Bot</Badge>
                  ) : (
                    <Badge tone="brand">Humano{c.takenOverBy ? ` · ${c.takenOverBy.name}` : ""}</Badge>
                  )}
                  {c.attentionSince ? (
                    <span data-testid="waiting">
                      <Badge tone="danger">
                        Espera {formatWaiting(now - c.attentionSince.getTime())}
                        {c.attentionReason ? ` · ${ATTENTION_LABELS[c.attentionReason] ?? c.attentionReason}` : ""}
                      </Badge>
                    </span>
                  ) : null}
                </span>
              </Link>
            ),
            topic: (
              <span className="flex flex-wrap gap-1">
                {c.lastIntent ? <Badge tone="neutral">{INTENTS[c.lastIntent] ?? c.lastIntent}</Badge> : null}
                {c.saleState ? <Badge tone="warn">{ORDER_STATE_LABELS[c.saleState] ?? c.saleState}</Badge> : null}
              </span>
            ),
            preview: <span className="line-clamp-2 text-ink-500">{c.lastMessagePreview ?? "—"}</span>,
            lastMessageAt: (
              <span className="whitespace-nowrap text-xs text-ink-500">{formatDateTime(c.lastMessageAt)}</span>
            ),
            messages: <span className="tabular-nums">{formatNumber(c.messageCount)}</span>,
          },
        }))}
        basePath="/dashboard/conversations"
        params={{ q: q || undefined, mode: mode === "all" ? undefined : mode, view: view === "all" ? undefined : view }}
        pagination={{ kind: "pages", page, pageSize: INBOX_PAGE_SIZE, total }}
        filters={
          <FilterForm
            basePath="/dashboard/conversations"
            keep={{ view: view === "all" ? undefined : view }}
            className="sm:grid-cols-[minmax(0,20rem)_12rem_auto]"
          >
            <div>
              <label className="label" htmlFor="inbox-q">
                Buscar
              </label>
              <input className="input" id="inbox-q" name="q" defaultValue={q} placeholder="Cliente, chat o texto" />
            </div>
            <SelectFilter
              name="mode"
              label="Quién atiende"
              value={mode}
              options={[
                { value: "all", label: "Todas" },
                { value: "bot", label: "Asesor virtual" },
                { value: "human", label: "Atendidas por persona" },
              ]}
            />
          </FilterForm>
        }
        empty={view === "queue" ? "Nadie espera un asesor." : "No hay conversaciones."}
        caption="Conversaciones"
        testId="conversation-list"
      />
    </>
  );
}
