// Hand-made SVG charts (server-rendered, no chart library): bars per day, stacked bars per category.
const WIDTH = 640;
const HEIGHT = 180;
const PAD = { top: 10, right: 8, bottom: 24, left: 8 };
export const SERIES_COLOURS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#64748b", "#db2777"];

function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

export function DailyBars({
  days,
  values,
  title,
  format,
}: {
  days: string[];
  values: Map<string, number>;
  title: string;
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...days.map((d) => values.get(d) ?? 0));
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length);
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const labelEvery = Math.ceil(days.length / 10);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
      <title>{title}</title>
      {days.map((d, i) => {
        const v = values.get(d) ?? 0;
        const h = (v / max) * inner;
        const x = PAD.left + i * slot;
        return (
          <g key={d}>
            <rect
              x={x + slot * 0.15}
              y={PAD.top + inner - h}
              width={slot * 0.7}
              height={h}
              fill={SERIES_COLOURS[0]}
              rx={2}
            >
              <title>{`${dayLabel(d)}: ${format(v)}`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={x + slot / 2} y={HEIGHT - 8} fontSize={10} textAnchor="middle" fill="#64748b">
                {dayLabel(d)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function StackedDailyBars({
  days,
  series,
  rows,
  title,
}: {
  days: string[];
  series: string[];
  rows: { day: string; key: string; count: number }[];
  title: string;
}) {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = byDay.get(r.day) ?? new Map<string, number>();
    m.set(r.key, (m.get(r.key) ?? 0) + r.count);
    byDay.set(r.day, m);
  }
  const totals = days.map((d) => [...(byDay.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length);
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const labelEvery = Math.ceil(days.length / 10);
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
        <title>{title}</title>
        {days.map((d, i) => {
          let y = PAD.top + inner;
          const x = PAD.left + i * slot;
          return (
            <g key={d}>
              {series.map((s, si) => {
                const v = byDay.get(d)?.get(s) ?? 0;
                const h = (v / max) * inner;
                y -= h;
                return v > 0 ? (
                  <rect
                    key={s}
                    x={x + slot * 0.15}
                    y={y}
                    width={slot * 0.7}
                    height={h}
                    fill={SERIES_COLOURS[si % SERIES_COLOURS.length]}
                  >
                    <title>{`${dayLabel(d)} · ${s}: ${v}`}</title>
                  </rect>
                ) : null;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + slot / 2} y={HEIGHT - 8} fontSize={10} textAnchor="middle" fill="#64748b">
                  {dayLabel(d)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-3 text-xs text-ink-500">
        {series.map((s, si) => (
          <span key={s} className="flex items-center gap-1">
            <span
              className="inline-block h-3 w-3 rounded-sm"
              style={{ background: SERIES_COLOURS[si % SERIES_COLOURS.length] }}
            />
            {s}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
