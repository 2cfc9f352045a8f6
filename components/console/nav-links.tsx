"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type InboxCounts, NotificationPrompt, useInboxPulse } from "@/components/console/inbox-pulse";

const INBOX = "/dashboard/conversations";

export function NavLinks({
  items,
  inbox = null,
  lowStock = 0,
}: {
  items: { href: string; label: string }[];
  /** active products at or below their low-stock threshold */
  lowStock?: number;
  /** the signed-in user's inbox figures at render time (null: no inbox for this role) */
  inbox?: InboxCounts | null;
}) {
  const pathname = usePathname();
  const { counts, lastAlert } = useInboxPulse(inbox);
  return (
    <>
      <nav aria-label="Secciones de la consola" className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          const unread = item.href === INBOX ? (counts?.unread ?? 0) : 0;
          const waiting = item.href === INBOX ? (counts?.waiting ?? 0) : 0;
          const link = (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center justify-between gap-2 whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium ${
                active ? "bg-brand-50 text-brand-700" : "text-ink-700 hover:bg-ink-50"
              }`}
            >
              {item.label}
              {item.href === INBOX && counts ? (
                <span className="flex gap-1" data-testid="inbox-badges" data-last-alert={lastAlert ?? ""}>
                  {unread > 0 ? (
                    <span
                      className="rounded-full bg-brand-600 px-1.5 text-xs text-white"
                      data-testid="nav-unread"
                      title="Conversaciones sin leer"
                    >
                      {unread}
                      <span className="sr-only"> sin leer</span>
                    </span>
                  ) : null}
                  {waiting > 0 ? (
                    <span
                      className="rounded-full bg-red-100 px-1.5 text-xs text-danger"
                      data-testid="nav-waiting"
                      title="Clientes esperando un asesor"
                    >
                      {waiting}
                      <span className="sr-only"> esperando</span>
                    </span>
                  ) : null}
                </span>
              ) : null}
            </Link>
          );
          return link;
        })}
      </nav>
      {lowStock > 0 ? (
        <Link
          href="/dashboard/inventory?stock=low"
          className="mt-1 flex items-center justify-between gap-2 whitespace-nowrap rounded-lg px-3 py-1 text-xs text-ink-700 hover:bg-ink-50"
          data-testid="nav-low-stock"
        >
          Productos con bajo stock
          <span className="rounded-full bg-amber-100 px-1.5 text-warn">{lowStock}</span>
        </Link>
      ) : null}
      {counts ? <NotificationPrompt /> : null}
    </>
  );
}
