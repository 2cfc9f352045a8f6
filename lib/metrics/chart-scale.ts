// Axis arithmetic for the metrics charts (pure): round tick values and es-CO tick labels.

/** 0 and a few round whole steps (1, 2, 2.5, 5 × 10ⁿ) whose last tick is at or above `max` (counts, pesos). */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const whole = (m: number) => Number.isInteger(m * power) && m * power >= 1;
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough && whole(m)) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max) break;
  }
  return ticks;
}

const whole = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });

/**
 * A short tick label: `250 mil`, `1,2 M` (millones); money with the peso sign (`$ 1,2 M`). Written by hand:
 * ICU's compact notation for es-CO differs between versions ("mil" or "k").
 */
export function tickLabel(value: number, money: boolean): string {
  const size = Math.abs(value);
  const text =
    size >= 1_000_000
      ? `${oneDecimal.format(value / 1_000_000)} M`
      : size >= 10_000
        ? `${oneDecimal.format(value / 1_000)} mil`
        : whole.format(value);
  return money ? `$ ${text}` : text;
}

/** `25/11` of a `YYYY-MM-DD` day. */
export function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}
