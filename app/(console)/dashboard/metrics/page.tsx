import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";
import { intentLabel } from "@/lib/domain/order-words";
import { formatCop, formatDate, formatNumber } from "@/lib/format";
import { type DashboardMetrics, type DayRange, defaultRange, loadDashboardMetrics } from "@/lib/metrics/dashboard";
import { DailyBars, StackedDailyBars } from "./charts";

export const metadata: Metadata = { title: "Métricas" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pickRange(params: Record<string, string | string[] | undefined>): DayRange {
  const fallback = defaultRange();
  const from = typeof params.from === "string" && DAY.test(params.from) ? params.from : fallback.from;
  const to = typeof params.to === "string" && DAY.test(params.to) ? params.to : fallback.to;
  return from <= to ? { from, to } : fallback;
}

const ms = (v: number | null) => (v === null ? "—" : `${formatNumber(v)} ms`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1).replace(".", ",")} MB`;

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card p-4">
      <div className="text-xs text-ink-500">{label}</div>
      <div className="text-2xl font-semibold text-ink-900">{value}</div>
      {hint ? <div className="text-xs text-ink-500">{hint}</div> : null}
    </div>
  );
}

/** Tokens and model time of the turns a hosted model understood or worded (offline turns cost nothing). */
function HostedModelUsage({ rows }: { rows: DashboardMetrics["hostedModel"] }) {
  const sum = (pick: (r: DashboardMetrics["hostedModel"][number]) => number) => rows.reduce((a, r) => a + pick(r), 0);
  const turns = sum((r) => r.turns);
  return (
    <section className="card mb-4 p-4" aria-labelledby="hosted-model-title">
      <h2 id="hosted-model-title" className="mb-2 font-semibold">
        Modelo alojado: tokens y tiempo
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-ink-500">Ningún turno usó un modelo alojado en este rango.</p>
      ) : (
        <table className="w-full text-sm" data-testid="hosted-model-usage">
          <thead className="text-left text-ink-500">
            <tr>
              <th className="p-1">Día</th>
              <th className="p-1 text-right">Turnos</th>
              <th className="p-1 text-right">Tokens de entrada</th>
              <th className="p-1 text-right">Tokens de salida</th>
              <th className="p-1 text-right">Tiempo del modelo (promedio)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day} className="border-t border-ink-100">
                <td className="p-1">{formatDate(`${r.day}T12:00:00-05:00`)}</td>
                <td className="p-1 text-right">{formatNumber(r.turns)}</td>
                <td className="p-1 text-right">{formatNumber(r.inputTokens)}</td>
                <td className="p-1 text-right">{formatNumber(r.outputTokens)}</td>
                <td className="p-1 text-right">{ms(Math.round(r.modelMs / r.turns))}</td>
              </tr>
            ))}
            <tr className="border-t border-ink-300 font-semibold">
              <td className="p-1">Total</td>
              <td className="p-1 text-right">{formatNumber(turns)}</td>
              <td className="p-1 text-right">{formatNumber(sum((r) => r.inputTokens))}</td>
              <td className="p-1 text-right">{formatNumber(sum((r) => r.outputTokens))}</td>
              <td className="p-1 text-right">{ms(Math.round(sum((r) => r.modelMs) / turns))}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}

export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await guardPage("/dashboard/metrics");
  const range = pickRange(await searchParams);
  const m = await loadDashboardMetrics(range);
  const revenue = new Map(m.revenuePerDay.map((r) => [r.day, r.revenue]));
  const conversations = new Map(m.conversationsPerDay.map((r) => [r.day, r.count]));
  const intents = [...new Set(m.messagesByIntent.map((r) => r.intent))].sort();
  const intentNames = Object.fromEntries(intents.map((i) => [i, intentLabel(i)]));
  const totalRevenue = m.revenuePerDay.reduce((a, r) => a + r.revenue, 0);
  const totalOrders = m.revenuePerDay.reduce((a, r) => a + r.orders, 0);
  const t = m.responseTimes;
  return (
    <>
      <PageHeader title="Métricas" description="Conversaciones, ventas y tiempos de respuesta del asesor virtual." />
      <form method="get" className="card mb-4 flex flex-wrap items-end gap-3 p-4" aria-label="Rango de fechas">
        <label className="label">
          Desde
          <input className="input" type="date" name="from" defaultValue={range.from} />
        </label>
        <label className="label">
          Hasta
          <input className="input" type="date" name="to" defaultValue={range.to} />
        </label>
        <button className="btn-secondary" type="submit">
          Ver
        </button>
      </form>

      <section className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Ingresos" value={formatCop(totalRevenue)} hint={`${formatNumber(totalOrders)} ventas cerradas`} />
        <Stat
          label="Conversión"
          value={`${(m.conversion.rate * 100).toFixed(1).replace(".", ",")} %`}
          hint={`${formatNumber(m.conversion.converted)} de ${formatNumber(m.conversion.conversations)} conversaciones`}
        />
        <Stat
          label="Respuesta p50 / p95"
          value={`${ms(t.total.p50)} / ${ms(t.total.p95)}`}
          hint={`${formatNumber(t.count)} respuestas`}
        />
        <Stat
          label="Almacenamiento usado"
          value={mb(m.storage.bytes)}
          hint={`${formatNumber(m.storage.files)} archivos exportados`}
        />
      </section>

      <section className="mb-4 grid gap-4 lg:grid-cols-2">
        <div className="card p-4">
          <h2 className="mb-2 font-semibold">Ingresos por día</h2>
          <DailyBars
            days={m.days}
            values={revenue}
            title="Ingresos por día"
            yTitle="Ingresos (COP)"
            format={formatCop}
            money
          />
        </div>
        <div className="card p-4">
          <h2 className="mb-2 font-semibold">Mensajes de clientes por día e intención</h2>
          <StackedDailyBars
            days={m.days}
            series={intents}
            labels={intentNames}
            yTitle="Mensajes"
            format={formatNumber}
            rows={m.messagesByIntent.map((r) => ({ day: r.day, key: r.intent, count: r.count }))}
            title="Mensajes por día e intención"
          />
        </div>
        <div className="card p-4">
          <h2 className="mb-2 font-semibold">Conversaciones nuevas por día</h2>
          <DailyBars
            days={m.days}
            values={conversations}
            title="Conversaciones por día"
            yTitle="Conversaciones"
            format={formatNumber}
          />
        </div>
        <div className="card p-4">
          <h2 className="mb-2 font-semibold">Tiempos de respuesta</h2>
          <table className="w-full text-sm">
            <thead className="text-left text-ink-500">
              <tr>
                <th className="p-1" />
                <th className="p-1 text-right">p50</th>
                <th className="p-1 text-right">p95</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["Total del turno", t.total],
                  ["Modelo de lenguaje", t.model],
                  ["Nuestro sistema (total − modelo)", t.ours],
                ] as const
              ).map(([label, p]) => (
                <tr key={label} className="border-t border-ink-100">
                  <td className="p-1">{label}</td>
                  <td className="p-1 text-right">{ms(p.p50)}</td>
                  <td className="p-1 text-right">{ms(p.p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="mb-1 mt-4 font-semibold">Atención</h3>
          <p className="text-sm">
            Respuestas del asesor virtual: <strong>{formatNumber(m.handling.botReplies)}</strong> · de personas:{" "}
            <strong>{formatNumber(m.handling.humanReplies)}</strong>. Conversaciones solo con el bot:{" "}
            <strong>{formatNumber(m.handling.botOnlyConversations)}</strong>, con un asesor:{" "}
            <strong>{formatNumber(m.handling.humanConversations)}</strong>.
          </p>
        </div>
      </section>

      <HostedModelUsage rows={m.hostedModel} />

      <section className="card p-4">
        <h2 className="mb-2 font-semibold">Productos más vendidos</h2>
        {m.topProducts.length === 0 ? (
          <p className="text-sm text-ink-500">No hay ventas cerradas en este rango.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-ink-500">
              <tr>
                <th className="p-1">Producto</th>
                <th className="p-1 text-right">Unidades</th>
                <th className="p-1 text-right">Ingresos</th>
              </tr>
            </thead>
            <tbody>
              {m.topProducts.map((p) => (
                <tr key={p.sku} className="border-t border-ink-100">
                  <td className="p-1">
                    {p.name} <span className="text-xs text-ink-500">{p.sku}</span>
                  </td>
                  <td className="p-1 text-right">{formatNumber(p.units)}</td>
                  <td className="p-1 text-right">{formatCop(p.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
