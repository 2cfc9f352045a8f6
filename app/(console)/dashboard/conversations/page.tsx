import type { Metadata } from "next";
import Link from "next/link";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { GlobalBotSwitch } from "@/components/console/global-bot-switch";
import { LiveRefresh } from "@/components/console/live-refresh";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { ORDER_STATE_LABELS } from "@/lib/console/order-query";
import { guardPage } from "@/lib/console/pages";
import { INBOX_PAGE_SIZE, listConversations } from "@/lib/db/inbox";
import { getGlobalBotSetting } from "@/lib/db/settings";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Conversaciones" };

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
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const mode = params.mode === "bot" || params.mode === "human" ? params.mode : "all";
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const [{ rows, total }, bot] = await Promise.all([listConversations({ q, mode, page }), getGlobalBotSetting()]);
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
      <form method="get" className="mb-3 flex flex-wrap gap-2" role="search">
        <input
          className="input max-w-xs"
          name="q"
          defaultValue={q}
          placeholder="Cliente, chat o texto"
          aria-label="Buscar"
        />
        <select className="input w-44" name="mode" defaultValue={mode} aria-label="Quién atiende">
          <option value="all">Todas</option>
          <option value="bot">Asesor virtual</option>
          <option value="human">Atendidas por persona</option>
        </select>
        <button className="btn-secondary" type="submit">
          Filtrar
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>No hay conversaciones.</EmptyState>
      ) : (
        <ul className="card divide-y divide-ink-50" data-testid="conversation-list">
          {rows.map((c) => (
            <li key={c.id}>
              <Link
                href={`/dashboard/conversations/${encodeURIComponent(c.chatId)}`}
                className="grid gap-1 px-3 py-2 hover:bg-ink-50 sm:grid-cols-[1fr_auto]"
                data-chat-id={c.chatId}
              >
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    <ChannelIcon channel={c.channel} />
                    {c.client?.name ?? c.customerName ?? `Chat ${c.chatId.slice(0, 12)}`}
                    {c.botEnabled ? (
                      <Badge>Bot</Badge>
                    ) : (
                      <Badge tone="brand">Humano{c.takenOverBy ? ` · ${c.takenOverBy.name}` : ""}</Badge>
                    )}
                    {c.lastIntent ? <Badge tone="neutral">{INTENTS[c.lastIntent] ?? c.lastIntent}</Badge> : null}
                    {c.saleState ? <Badge tone="warn">{ORDER_STATE_LABELS[c.saleState] ?? c.saleState}</Badge> : null}
                  </p>
                  <p className="truncate text-sm text-ink-500">{c.lastMessagePreview ?? "—"}</p>
                </div>
                <p className="text-xs text-ink-500 sm:text-right">
                  {formatDateTime(c.lastMessageAt)}
                  <br />
                  {c.messageCount} mensajes
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        basePath="/dashboard/conversations"
        params={{ q: q || undefined, mode: mode === "all" ? undefined : mode }}
        page={page}
        pageSize={INBOX_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
