// es-CO formatting used across the UI and the agent: `$ 38.500`, `25/11/2026`.
const copFormatter = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });
const TIME_ZONE = "America/Bogota";

/** Integer pesos as `$ 38.500` (always a plain space after the sign, whatever ICU prints). */
export function formatCop(pesos: number): string {
  const sign = pesos < 0 ? "-" : "";
  return `${sign}$ ${copFormatter.format(Math.abs(Math.round(pesos)))}`;
}

export function formatNumber(n: number): string {
  return copFormatter.format(n);
}

function parts(date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat("es-CO", { timeZone: TIME_ZONE, ...options }).formatToParts(date)) {
    out[p.type] = p.value;
  }
  return out;
}

/** `25/11/2026` in Colombian time. */
export function formatDate(date: Date | string): string {
  const p = parts(new Date(date), { day: "2-digit", month: "2-digit", year: "numeric" });
  return `${p.day}/${p.month}/${p.year}`;
}

/** `25/11/2026 14:05` in Colombian time (24 h). */
export function formatDateTime(date: Date | string): string {
  const p = parts(new Date(date), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "3 min", "2 h 05 min", "1 d 4 h": how long someone has been waiting. */
export function formatWaiting(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
