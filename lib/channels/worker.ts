import { hostname } from "node:os";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { eventBus } from "@/lib/realtime/bus";
import { telegramConfig, whatsappConfig } from "./config";
import { deliverDue } from "./delivery";
import { processDue } from "./inbound";
import { currentChannelKick, registerChannelKick } from "./kick";
import { startTelegramPolling } from "./telegram/polling";

// The channel worker, started by server.ts: processes stored customer events and sends the outbox, on a timer and
// whenever something new arrives (a webhook, a staff reply on any instance via the event bus). Every instance may
// run one; rows are claimed with leases, so they share the work without doing anything twice.
export const workerId = () => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/** One pass over both queues; true when it did something (so another pass may find more). */
export async function drainOnce(owner: string): Promise<boolean> {
  const events = await processDue(owner);
  const sent = await deliverDue(owner);
  return events + sent > 0;
}

export type ChannelWorker = { stop: () => Promise<void>; owner: string };

export function startChannelWorkers(options: { intervalMs?: number; polling?: boolean } = {}): ChannelWorker {
  const owner = workerId();
  // with no channel configured only leftovers can be due: look rarely, still answer kicks at once
  const anyChannel = telegramConfig() !== null || whatsappConfig() !== null;
  const intervalMs = options.intervalMs ?? (anyChannel ? env().CHANNEL_WORKER_INTERVAL_MS : 30_000);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async () => {
    do {
      again = false;
      try {
        while (!stopped && (await drainOnce(owner))) {
          // keep going while there is work
        }
      } catch (err) {
        log.warn("channel worker pass failed", { err });
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
    });
  };
  registerChannelKick(kick);
  const timer = setInterval(kick, intervalMs);
  timer.unref();
  const unsubscribe = eventBus().subscribe((event) => {
    if (event.type === "message" && (event.message.role === "staff" || event.message.role === "system")) kick();
  });
  const polling =
    (options.polling ?? true) && telegramConfig()?.mode === "polling" ? startTelegramPolling(owner, kick) : null;
  kick();
  log.info("channel worker started", { owner, intervalMs, telegramPolling: polling !== null });

  return {
    owner,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      if (currentChannelKick() === kick) registerChannelKick(undefined);
      await polling?.stop();
      await running;
    },
  };
}
