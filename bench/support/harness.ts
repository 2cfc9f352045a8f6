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

/**
 * One customer's turns, one after another, until `stop()` says so (at least `min` turns): latencies in ms, and
 * how many turns failed (an error answer, e.g. a timeout, is the customer affected too, not a reason to stop).
 * With `gapMs` the customer waits that long between turns and a turn's latency counts from when it was due, so
 * the time it waited for a busy event loop is part of it (a back-to-back loop leaves other work only the gaps
 * between its awaits, which hides how long that work holds the loop).
 */
export async function chatLoop(run: (i: number) => Promise<unknown>, stop: () => boolean, min = 0, gapMs = 0) {
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; times.length < min || !stop(); i++) {
    let t = performance.now();
    if (gapMs > 0) {
      t += gapMs;
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    await run(i).catch((error: unknown) => {
      failed++;
      console.log(`  turn ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const ms = performance.now() - t;
    if (ms > 2_000) console.log(`  slow turn ${i}: ${Math.round(ms)} ms`);
    times.push(ms);
    // the next request arrives from the network: on SQLite a turn is synchronous queries and promise jobs, so
    // without this the loop would never let timers, I/O or setImmediate (an import's yield) run at all
    if (gapMs === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { times: times.sort((a, b) => a - b), failed };
}

/**
 * One chat customer on the database the environment points at (offline model), with the catalogue index built
 * fresh and 20 turns already spent warming it: turn `i` sends the tuning messages in order, 12 per conversation.
 * Imported lazily, so the caller has set DATABASE_URL first.
 */
export async function warmChatCustomer(prefix: string): Promise<(i: number) => Promise<unknown>> {
  const messages = tuningMessages();
  const knowledge = await import("@/lib/chat/knowledge");
  const { runChatTurn } = await import("@/lib/chat/pipeline");
  knowledge.forgetKnowledge();
  knowledge.warmKnowledge();
  await knowledge.knowledgeReady();
  const turn = (i: number) =>
    runChatTurn({
      chatId: `${prefix}-${Math.floor(i / 12)}`,
      text: messages[i % messages.length] as string,
      channel: "api",
      principal: null,
    });
  for (let i = 0; i < 20; i++) await turn(1_000_000 + i); // warm
  return turn;
}
