// Small pieces every bench repeats: the tuning sets' messages, percentiles, a closed loop of clients.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** Every customer message of the demo and real tuning sets, in file order. */
export function tuningMessages(): string[] {
  return ["demo", "real"].flatMap((c) =>
    readFileSync(path.join(root, `eval/sets/${c}/tuning-mensajes.jsonl`), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { mensaje: string }).mensaje),
  );
}

/** The `q` quantile (0–1) of values sorted ascending. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** The `q` quantile (0–1) of values in any order. */
export const quantile = (values: readonly number[], q: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    q,
  );

/**
 * `concurrency` clients each calling `fn` in a loop for `seconds`: completed calls per second. A call that
 * throws or resolves `false` counts as failed.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  fn: (worker: number, i: number) => Promise<unknown>,
): Promise<{ perSecond: number; failed: number }> {
  let done = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        if ((await fn(w, i).catch(() => false)) === false) failed++;
        else done++;
      }
    }),
  );
  return { perSecond: done / seconds, failed };
}
