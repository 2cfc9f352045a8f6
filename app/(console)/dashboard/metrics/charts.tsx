import { dayLabel, niceTicks, tickLabel } from "@/lib/metrics/chart-scale";

// Hand-made SVG charts, rendered on the server: axes with es-CO tick values, day labels, a legend in words and,
// for screen readers, the same figures as a table. No chart library: these pages ship no chart JavaScript at all
// (recharts would add ~100 kB to the console bundle for two bar charts).
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 40, left: 64 };
const INNER_W = WIDTH - PAD.left - PAD.right;
const INNER_H = HEIGHT - PAD.top - PAD.bottom;
export const SERIES_COLOURS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#64748b", "#db2777"];

type Scale = { ticks: number[]; top: number; y: (v: number) => number };

function scaleFor(max: number): Scale {
  const ticks = niceTicks(max);
  const top = ticks.at(-1) ?? 1;
  return { ticks, top, y: (v: number) => PAD.top + INNER_H - (v / top) * INNER_H };
}

function Axes({ days, scale, money, yTitle }: { days: string[]; scale: Scale; money: boolean; yTitle: string }) {
  const slot = INNER_W / Math.max(1, days.length);
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <g fontSize={10} fill="#475569">
      <g data-axis="y">
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={scale.y(t)} y2={scale.y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={scale.y(t) + 3} textAnchor="end">
              {tickLabel(t, money)}
            </text>
          </g>
        ))}
        <text
          x={12}
          y={PAD.top + INNER_H / 2}
          textAnchor="middle"
          transform={`rotate(-90 12 ${PAD.top + INNER_H / 2})`}
        >
          {yTitle}
        </text>
      </g>
      <g data-axis="x">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + INNER_H} y2={PAD.top + INNER_H} stroke="#94a3b8" />
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d} x={PAD.left + i * slot + slot / 2} y={PAD.top + INNER_H + 14} textAnchor="middle">
              {dayLabel(d)}
            </text>
          ) : null,
        )}
        <text x={PAD.left + INNER_W / 2} y={HEIGHT - 4} textAnchor="middle">
          Día
        </text>
      </g>
    </g>
  );
}

function peak(days: string[], value: (d: string) => number): { day: string; value: number } | null {
  let best: { day: string; value: number } | null = null;
  for (const d of days) if (value(d) > (best?.value ?? 0)) best = { day: d, value: value(d) };
  return best;
}

export function DailyBars({
  days,
  values,
  title,
  yTitle,
  format,
  money = false,
}: {
  days: string[];
  values: Map<string, number>;
  title: string;
  yTitle: string;
  format: (n: number) => string;
  money?: boolean;
}) {
  const get = (d: string) => values.get(d) ?? 0;
  const scale = scaleFor(Math.max(0, ...days.map(get)));
  const slot = INNER_W / Math.max(1, days.length);
  const total = days.reduce((a, d) => a + get(d), 0);
  const best = peak(days, get);
  const summary = `${title}: total ${format(total)}${best ? `; máximo ${format(best.value)} el ${dayLabel(best.day)}` : ""}.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
        <title>{summary}</title>
        <Axes days={days} scale={scale} money={money} yTitle={yTitle} />
        {days.map((d, i) => {
          const v = get(d);
          return v > 0 ? (
            <rect
              key={d}
              x={PAD.left + i * slot + slot * 0.15}
              y={scale.y(v)}
              width={slot * 0.7}
              height={PAD.top + INNER_H - scale.y(v)}
              fill={SERIES_COLOURS[0]}
              rx={2}
            >
              <title>{`${dayLabel(d)}: ${format(v)}`}</title>
            </rect>
          ) : null;
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-ink-500">{summary}</figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Día</th>
            <th scope="col">{yTitle}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row">{dayLabel(d)}</th>
              <td>{format(get(d))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Stacked bars per day; `series` are keys, `labels` their names in words (legend, tooltips, table). */
export function StackedDailyBars({
  days,
  series,
  labels,
  rows,
  title,
  yTitle,
  format,
}: {
  days: string[];
  series: string[];
  labels: Record<string, string>;
  rows: { day: string; key: string; count: number }[];
  title: string;
  yTitle: string;
  format: (n: number) => string;
}) {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = byDay.get(r.day) ?? new Map<string, number>();
    m.set(r.key, (m.get(r.key) ?? 0) + r.count);
    byDay.set(r.day, m);
  }
  const cell = (d: string, s: string) => byDay.get(d)?.get(s) ?? 0;
  const dayTotal = (d: string) => series.reduce((a, s) => a + cell(d, s), 0);
  const scale = scaleFor(Math.max(0, ...days.map(dayTotal)));
  const slot = INNER_W / Math.max(1, days.length);
  const name = (s: string) => labels[s] ?? s;
  const totals = series.map((s) => `${name(s)} ${format(days.reduce((a, d) => a + cell(d, s), 0))}`);
  const summary = `${title}: ${totals.join(", ") || "sin mensajes"}.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
        <title>{summary}</title>
        <Axes days={days} scale={scale} money={false} yTitle={yTitle} />
        {days.map((d, i) => {
          let below = 0;
          return (
            <g key={d}>
              {series.map((s, si) => {
                const v = cell(d, s);
                if (v === 0) return null;
                const y = scale.y(below + v);
                const h = scale.y(below) - y;
                below += v;
                return (
                  <rect
                    key={s}
                    x={PAD.left + i * slot + slot * 0.15}
                    y={y}
                    width={slot * 0.7}
                    height={h}
                    fill={SERIES_COLOURS[si % SERIES_COLOURS.length]}
                  >
                    <title>{`${dayLabel(d)} · ${name(s)}: ${format(v)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-3 text-xs text-ink-500" data-testid="chart-legend">
        {series.map((s, si) => (
          <span key={s} className="flex items-center gap-1">
            <span
              className="inline-block h-3 w-3 rounded-sm"
              style={{ background: SERIES_COLOURS[si % SERIES_COLOURS.length] }}
            />
            {name(s)}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Día</th>
            {series.map((s) => (
              <th key={s} scope="col">
                {name(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row">{dayLabel(d)}</th>
              {series.map((s) => (
                <td key={s}>{format(cell(d, s))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
