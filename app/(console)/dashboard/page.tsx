import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/console/pages";
import { consoleHomeFigures } from "@/lib/db/console-home";
import { formatCop, formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Inicio" };

function Tile({
  href,
  label,
  value,
  detail,
  testId,
}: {
  href: string;
  label: string;
  value: string;
  detail?: string;
  testId: string;
}) {
  return (
    <Link href={href} className="card block p-4 hover:border-brand-300 hover:bg-brand-50/40" data-testid={testId}>
      <p className="text-sm text-ink-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {detail ? <p className="mt-1 text-xs text-ink-500">{detail}</p> : null}
    </Link>
  );
}

// The console home: what needs someone today, each figure a link into the list behind it.
export default async function DashboardHome() {
  const principal = await guardPage("/dashboard");
  const f = await consoleHomeFigures();
  const change =
    f.salesYesterday.total > 0
      ? Math.round(((f.salesToday.total - f.salesYesterday.total) / f.salesYesterday.total) * 100)
      : null;
  return (
    <>
      <PageHeader
        title={`Hola, ${principal.name}`}
        description={`Resumen de hoy, ${formatDate(`${f.today}T12:00:00-05:00`)}`}
      />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {can(principal.role, "conversations:read") ? (
          <>
            <Tile
              testId="home-waiting"
              href="/dashboard/conversations?view=queue"
              label="Clientes esperando un asesor"
              value={formatNumber(f.waiting)}
            />
            <Tile
              testId="home-conversations"
              href="/dashboard/conversations"
              label="Conversaciones con actividad hoy"
              value={formatNumber(f.conversationsToday)}
            />
          </>
        ) : null}
        <Tile
          testId="home-dispatch"
          href="/dashboard/orders?fulfilment=pagada"
          label="Pedidos pagados por despachar"
          value={formatNumber(f.toDispatch)}
        />
        <Tile
          testId="home-low-stock"
          href="/dashboard/inventory?stock=low"
          label="Productos con bajo stock"
          value={formatNumber(f.lowStock)}
        />
        <Tile
          testId="home-sales"
          href={`/dashboard/orders?state=cerrada&from=${f.today}&to=${f.today}`}
          label="Ventas de hoy"
          value={formatCop(f.salesToday.total)}
          detail={`${formatNumber(f.salesToday.count)} pedidos · ayer ${formatCop(f.salesYesterday.total)} (${formatNumber(
            f.salesYesterday.count,
          )})${change === null ? "" : ` · ${change >= 0 ? "+" : ""}${change} %`}`}
        />
      </div>
    </>
  );
}
