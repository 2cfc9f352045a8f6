// The previous system wrote naive timestamps: local Colombian time (UTC−5, no daylight saving) everywhere,
// except the `sistema` rows of `mensajes`, which it wrote in UTC. We store instants.
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
const COLOMBIA_OFFSET_HOURS = 5;

export type LegacyClock = "local" | "utc";

/** `2025-05-27 09:45:11.408760` → the instant it names; null when the text is not such a timestamp. */
export function legacyInstant(value: string | null, clock: LegacyClock): Date | null {
  if (!value) return null;
  const m = NAIVE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.floor(Number(frac.padEnd(6, "0")) / 1000) : 0;
  const offset = clock === "local" ? COLOMBIA_OFFSET_HOURS : 0;
  const instant = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) + offset, Number(mi), Number(s ?? 0), ms),
  );
  // Date.UTC rolls 2025-02-30 over to March: a value that does not round-trip is not a real date
  const back = new Date(instant.getTime() - offset * 3_600_000);
  return back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(mo) - 1 ? instant : null;
}
