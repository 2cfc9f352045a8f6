import { isProviderError } from "@/lib/channels/errors";
import { storeChannelEvents } from "@/lib/db/channel-events";
import { acquireLease, readChannelState, releaseLease, writeChannelState } from "@/lib/db/channel-state";
import { log } from "@/lib/log";
import { telegramCall } from "./api";
import { eventFromUpdate, telegramUpdate } from "./update";

// Long polling (TELEGRAM_MODE=polling) for a shop without a public HTTPS address. One instance polls (a lease in
// ChannelState); updates are stored exactly like webhook deliveries and the offset is saved after them, so a crash
// only makes Telegram hand the same updates again, which the event store ignores.
const KEY = "telegram.poller";
const LEASE_MS = 90_000;
const POLL_SECONDS = 25;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** One getUpdates round; returns how many new events were stored. */
export async function pollOnce(owner: string, timeoutSeconds = POLL_SECONDS, signal?: AbortSignal): Promise<number> {
  const state = await readChannelState(KEY);
  const offset = typeof state.offset === "number" ? state.offset : undefined;
  const updates = await telegramCall<unknown[]>(
    "getUpdates",
    {
      ...(offset !== undefined ? { offset } : {}),
      timeout: timeoutSeconds,
      allowed_updates: ["message", "callback_query"],
    },
    { timeoutMs: (timeoutSeconds + 10) * 1000, signal },
  );
  let next = offset;
  const events = [];
  for (const raw of updates) {
    const parsed = telegramUpdate.safeParse(raw);
    if (!parsed.success) {
      log.warn("telegram update not understood; skipped", { issues: parsed.error.issues.slice(0, 3) });
      const id = (raw as { update_id?: unknown })?.update_id;
      if (typeof id === "number") next = Math.max(next ?? 0, id + 1);
      continue;
    }
    next = Math.max(next ?? 0, parsed.data.update_id + 1);
    const event = eventFromUpdate(parsed.data);
    if (event) events.push(event);
  }
  const stored = await storeChannelEvents(events);
  if (next !== offset) await writeChannelState(KEY, owner, { ...state, offset: next });
  return stored;
}

export function startTelegramPolling(owner: string, onEvents: () => void) {
  const controller = new AbortController();
  const loop = async () => {
    let webhookCleared = false;
    while (!controller.signal.aborted) {
      try {
        if (!(await acquireLease(KEY, owner, LEASE_MS))) {
          await sleep(15_000, controller.signal);
          continue;
        }
        if (!webhookCleared) {
          // getUpdates is refused while a webhook is set
          await telegramCall("deleteWebhook", { drop_pending_updates: false });
          webhookCleared = true;
        }
        if ((await pollOnce(owner, POLL_SECONDS, controller.signal)) > 0) onEvents();
      } catch (error) {
        if (controller.signal.aborted) break;
        if (isProviderError(error) && error.code === "409") webhookCleared = false;
        log.warn("telegram polling failed; retrying", { err: error });
        const wait = isProviderError(error) && error.retryAfterMs ? error.retryAfterMs : 5_000;
        await sleep(wait, controller.signal);
      }
    }
    await releaseLease(KEY, owner).catch(() => undefined);
  };
  const done = loop();
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}
